import json
import subprocess
import sys

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Assignment
from objectives.loading import load_strategy
from objectives.models import Strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from ops import page_bench, volume
from ops.management.commands.bench_dashboard import _version

# The targets: roll-up pages at the largest size within this ratio of the smallest, and
# under this many milliseconds; deep and searched list pages within this ratio of the
# first page at the smallest size.
MAX_GROWTH = 1.5
MAX_ROLLUP_MS = 100
ROLLUP_PAGES = ("dashboard", "country drill-down", "sub-objective drill-down", "country page")
LIST_PAGES = ("evidence list, last page", "evidence list, ?q=bonded")
# The XLSX export: this many rows written in under this many seconds, and the writing
# process's peak memory at the largest size within this ratio of the smallest's.
XLSX_ROWS = 100_000
MAX_XLSX_SECONDS = 8
MAX_XLSX_MEMORY_GROWTH = 1.25


class Command(BaseCommand):
    help = (
        "Measure the read pages (dashboard, drill-downs, country page, evidence list first "
        "and last page and a search, the queue, the CSV export's first byte) over real HTTP "
        "against gunicorn at growing numbers of evidence items, each beside the plain SQL it "
        "needs, timed the same way; and each page's number of queries. Generates the "
        "synthetic evidence missing for each size. Run it on a dedicated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, sizes, repeat, seed, as_json, force, **options):
        if volume.real_evidence().count() and not force:
            raise CommandError("This database holds real evidence: use a dedicated one.")
        strategy = Strategy.objects.default() or load_strategy(STRATEGY_2015_2020)[0]
        country = strategy.target_countries.order_by("code").first()
        manager = self._user("synthetic-bench-manager", MANAGERS)
        staff = self._user("synthetic-bench-staff", COUNTRY_STAFF)
        Assignment.objects.get_or_create(user=staff, country=country)
        sizes = sorted(sizes)
        if volume.synthetic_evidence().count() > sizes[0]:
            volume.remove()
        port = page_bench.free_port()
        server = page_bench.start_server(port)
        try:
            cookies = {
                "manager": page_bench.session_cookie(manager),
                "staff": page_bench.session_cookie(staff),
            }
            results = [
                self._size(size, strategy, country, manager, cookies, port, repeat, seed, staff)
                for size in sizes
            ]
        finally:
            server.terminate()
            server.wait()
        report = {
            "database": f"{connection.vendor} {_version()}",
            "repeat": repeat,
            "sizes": results,
        }
        if results[-1]["xlsx"]["rows"] >= XLSX_ROWS:
            report["xlsx_rows"] = self._xlsx(manager, rows=XLSX_ROWS)
        report["targets"] = self._targets(report)
        self.stdout.write(json.dumps(report, indent=2) if as_json else self._table(report))

    def _user(self, username, group):
        user, _ = User.objects.get_or_create(username=username)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=group))
        return user

    def _size(self, size, strategy, country, manager, cookies, port, repeat, seed, staff):
        have = volume.synthetic_evidence().count()
        if have < size:
            self.stderr.write(f"Generating {size - have} items…")
            volume.generate(size - have, strategy=strategy, seed=seed + have)
            self._analyze()
        rows = []
        for page in page_bench.pages(strategy, country, manager):
            p50, bare = page_bench.measure(port, page, cookies[page.user], repeat)
            user = manager if page.user == "manager" else staff
            rows.append(
                {
                    "page": page.name,
                    "p50_ms": round(p50, 1),
                    "sql_p50_ms": round(bare, 1),
                    "ratio": round(p50 / bare, 1) if bare else None,
                    "queries": None if page.first_byte else self._queries(page.path, user),
                }
            )
        return {
            "evidence": volume.synthetic_evidence().count(),
            "pages": rows,
            "xlsx": self._xlsx(manager),
        }

    def _xlsx(self, manager, rows=None):
        """The evidence XLSX as the task worker writes it, in a process of its own so that
        its peak memory is the export's (`bench_xlsx`)."""
        command = [sys.executable, "manage.py", "bench_xlsx", manager.username]
        if rows:
            command += ["--rows", str(rows)]
        done = subprocess.run(
            command, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False)
    def _queries(self, path, user):
        client = Client()
        client.force_login(user)
        client.get(path)
        queries = []
        with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
            client.get(path)
        return len(queries)

    def _analyze(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")

    def _targets(self, report):
        results = report["sizes"]
        first, last = results[0]["pages"], results[-1]["pages"]
        by_name = [
            {row["page"]: row for row in size["pages"]} for size in (results[0], results[-1])
        ]
        smallest, largest = by_name
        checks = {}
        for name in ROLLUP_PAGES:
            checks[f"{name}: within {MAX_GROWTH}x"] = (
                largest[name]["p50_ms"] <= MAX_GROWTH * smallest[name]["p50_ms"]
            )
            checks[f"{name}: under {MAX_ROLLUP_MS} ms"] = largest[name]["p50_ms"] < MAX_ROLLUP_MS
        base = smallest["evidence list, first page"]["p50_ms"]
        for name in (*LIST_PAGES, "evidence list, first page"):
            checks[f"{name}: within {MAX_GROWTH}x of the first page"] = (
                largest[name]["p50_ms"] <= MAX_GROWTH * base
            )
        checks["same queries at every size"] = [r["queries"] for r in first] == [
            r["queries"] for r in last
        ]
        if "xlsx_rows" in report:
            checks[f"{XLSX_ROWS:,}-row XLSX under {MAX_XLSX_SECONDS} s"] = (
                report["xlsx_rows"]["seconds"] < MAX_XLSX_SECONDS
            )
        checks[f"XLSX memory within {MAX_XLSX_MEMORY_GROWTH}x"] = (
            results[-1]["xlsx"]["peak_rss_mb"]
            <= MAX_XLSX_MEMORY_GROWTH * results[0]["xlsx"]["peak_rss_mb"]
        )
        return checks

    def _table(self, report):
        lines = [f"Pages over HTTP on {report['database']}, p50 of {report['repeat']}", ""]
        sizes = report["sizes"]
        lines.append(
            "| page | "
            + " | ".join(f"{s['evidence']:,} ms (SQL ms, queries)" for s in sizes)
            + " |"
        )
        lines.append("|---|" + "---:|" * len(sizes))
        for index, row in enumerate(sizes[0]["pages"]):
            cells = [
                f"{s['pages'][index]['p50_ms']} ({s['pages'][index]['sql_p50_ms']}, "
                f"{s['pages'][index]['queries'] or '–'})"
                for s in sizes
            ]
            lines.append(f"| {row['page']} | " + " | ".join(cells) + " |")
        lines += ["", "| evidence XLSX | rows | seconds | MB | peak memory MB (at start) |"]
        lines.append("|---|---:|---:|---:|---:|")
        builds = [(f"{s['evidence']:,} items", s["xlsx"]) for s in sizes]
        if "xlsx_rows" in report:
            builds.append((f"first {XLSX_ROWS:,} rows", report["xlsx_rows"]))
        for name, xlsx in builds:
            lines.append(
                f"| {name} | {xlsx['rows']:,} | {xlsx['seconds']} | {xlsx['megabytes']} | "
                f"{xlsx['peak_rss_mb']} ({xlsx['peak_rss_mb_before']}) |"
            )
        lines.append("")
        for name, met in report["targets"].items():
            lines.append(f"{'met' if met else 'MISSED':>6}  {name}")
        return "\n".join(lines)
