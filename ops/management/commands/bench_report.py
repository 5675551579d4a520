import json
import os
import statistics
import time
import tracemalloc

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.roles import MANAGERS
from dashboard.pages import Period
from objectives.models import Strategy
from ops import volume
from progress import rollup
from reports.documents import report_html
from reports.pdf import render_pdf
from reports.report import CITED_PER_CELL

BENCH_MANAGER = "synthetic-bench-manager"
# The report's targets (docs/performance.md, "Report").
MAX_DEMO_SECONDS = 5
MAX_LARGE_SECONDS = 15
# Memory may vary with what the evidence says (titles' length), not with how much there is.
MAX_MEMORY_GROWTH = 1.5


def _seconds(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _cpu_seconds(function):
    """CPU time of this process: what the work costs whatever else runs on the machine
    (the PDF is laid out in one thread; the database's own time is not in it on
    PostgreSQL, and is on SQLite, which runs in the process)."""
    started = time.process_time()
    function()
    return time.process_time() - started


def _bare_sql(strategy, as_of):
    """The plain SQL the report needs: the roll-up's per-country aggregate and the ranking
    of the items it cites."""
    countries, sub_objectives = rollup.target_cells(strategy)

    def run():
        rollup.headline_evidence(strategy, as_of)
        list(
            rollup.cited_evidence(
                strategy,
                as_of,
                countries=countries,
                sub_objectives=sub_objectives,
                per_cell=CITED_PER_CELL,
            ).values_list("pk")
        )

    return run


class Command(BaseCommand):
    help = (
        "Measure the report on the configured database, with the evidence already there and "
        "then with synthetic evidence added up to each size: seconds per PDF as the task "
        "worker generates it (median of --repeat), seconds per print-ready page as a manager "
        "asks for it, peak Python memory while its data is read and its HTML written, and the time "
        "of the bare SQL it needs (the roll-up's headline and the cited items). Run it on a "
        "dedicated database (make bench-report); it refuses one holding real evidence "
        "unless given --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000], metavar="N")
        parser.add_argument("--repeat", type=int, default=3, help="PDFs per size.")
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--force", action="store_true", help="Run next to real evidence.")

    def handle(self, *args, sizes, repeat, seed, as_json, force, **options):
        real = volume.real_evidence().count()
        if real and not force:
            raise CommandError(
                f"This database holds {real} evidence items not made by generate_volume: "
                "use a dedicated database (make bench-report) or pass --force."
            )
        strategy = Strategy.objects.default()
        if strategy is None:
            raise CommandError("No strategy: run manage.py load_strategy first.")
        manager = self._manager()
        client = Client()
        client.force_login(manager)
        volume.remove()
        results = []
        for size in sorted(sizes):
            missing = size - volume.synthetic_evidence().count()
            if missing > 0:
                if not as_json:
                    self.stdout.write(f"Generating {missing} items…")
                volume.generate(missing, strategy=strategy, seed=seed + size)
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            results.append(self._measure(client, manager, strategy, repeat))
        report = self._report(results, repeat, real)
        self.stdout.write(json.dumps(report, indent=2) if as_json else self._text(report))

    def _manager(self):
        manager, _ = User.objects.get_or_create(
            username=BENCH_MANAGER, defaults={"first_name": "Benchmark", "last_name": "manager"}
        )
        manager.groups.add(Group.objects.get(name=MANAGERS))
        return manager

    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False)
    def _measure(self, client, manager, strategy, repeat):
        as_of = rollup.year_end(strategy.last_year)
        query = {"strategy": strategy.slug, "as_of": as_of.isoformat(), "language": "en"}

        def get(name):
            response = client.get(reverse(name), query)
            if response.status_code != 200:
                raise CommandError(f"{name} answered {response.status_code}.")
            return response

        period = Period.from_query(query, strategy)

        def pdf():
            # What the task worker does for each PDF asked for (reports.tasks.generate_pdf).
            return render_pdf(report_html(period, "en", generated_by=manager, for_pdf=True))

        document = pdf()  # warm up: templates, fonts, connections
        pdfs = [_seconds(pdf) for _ in range(repeat)]
        pdf_cpu = [_cpu_seconds(pdf) for _ in range(repeat)]
        pages = [_seconds(lambda: get("reports:report")) for _ in range(repeat)]
        bare_sql = _bare_sql(strategy, as_of)
        bare = [_seconds(bare_sql) for _ in range(repeat)]
        tracemalloc.start()
        report_html(period, "en", generated_by=manager, for_pdf=True)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "evidence": volume.real_evidence().count() + volume.synthetic_evidence().count(),
            "pdf_s": round(statistics.median(pdfs), 2),
            "pdf_max_s": round(max(pdfs), 2),
            "pdf_cpu_s": round(statistics.median(pdf_cpu), 2),
            "load_average": round(os.getloadavg()[0], 1),
            "page_s": round(statistics.median(pages), 2),
            "bare_sql_s": round(statistics.median(bare), 3),
            "html_peak_kib": round(peak / 1024),
            "pdf_kib": round(len(document) / 1024),
            "at": timezone.now().isoformat(timespec="seconds"),
        }

    def _report(self, results, repeat, real):
        first, largest = results[0], results[-1]
        checks = {
            f"pdf_with_the_data_there_under_{MAX_DEMO_SECONDS}_s": first["pdf_s"]
            < MAX_DEMO_SECONDS,
            f"pdf_at_largest_size_under_{MAX_LARGE_SECONDS}_s": largest["pdf_s"]
            < MAX_LARGE_SECONDS,
            f"pdf_cpu_with_the_data_there_under_{MAX_DEMO_SECONDS}_s": first["pdf_cpu_s"]
            < MAX_DEMO_SECONDS,
            f"pdf_cpu_at_largest_size_under_{MAX_LARGE_SECONDS}_s": largest["pdf_cpu_s"]
            < MAX_LARGE_SECONDS,
            "memory_flat": largest["html_peak_kib"] <= first["html_peak_kib"] * MAX_MEMORY_GROWTH,
        }
        return {
            "database": connection.vendor,
            "repeat": repeat,
            "evidence_there_first": real,
            "results": results,
            "targets": checks,
        }

    def _text(self, report):
        columns = [
            "evidence",
            "pdf_s",
            "pdf_max_s",
            "pdf_cpu_s",
            "page_s",
            "bare_sql_s",
            "html_peak_kib",
            "load_average",
        ]
        lines = [f"\nReport on {report['database']}, median of {report['repeat']}\n"]
        lines.append(" | ".join(f"{name:>13}" for name in columns))
        for row in report["results"]:
            lines.append(" | ".join(f"{row[name]:>13}" for name in columns))
        lines.append("")
        for name, met in report["targets"].items():
            lines.append(f"{'met' if met else 'MISSED':>6}  {name}")
        return "\n".join(lines)
