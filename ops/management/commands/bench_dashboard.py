import json
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
from evidence.models import Evidence
from objectives.loading import load_strategy
from objectives.models import Strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from ops import volume
from progress import rollup

BENCH_MANAGER = "synthetic-bench-manager"
# Targets of issue 4 (docs/performance.md).
MAX_QUERIES = 15
MAX_RATIO = 3
MAX_P50_MS = 300


def _percentile(values, percent):
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _milliseconds(function):
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


class Command(BaseCommand):
    help = (
        "Measure the dashboard at growing numbers of evidence items on the configured "
        "database: query count, server time (p50/p95 over repeated renders of the whole page "
        "as a manager), peak Python memory during one render, and the time of the bare "
        "aggregate query that computes every cell's status. Generates the synthetic evidence "
        "missing for each size (generate_volume). Run it on a dedicated database: it refuses "
        "one that holds real evidence unless given --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], metavar="N"
        )
        parser.add_argument("--repeat", type=int, default=20, help="Renders per size.")
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print figures as JSON."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds evidence not made by generate_volume.",
        )

    def handle(self, *args, sizes, repeat, seed, as_json, force, **options):
        if repeat < 2:
            raise CommandError("--repeat must be at least 2.")
        real = volume.real_evidence().count()
        if real and not force:
            raise CommandError(
                f"This database holds {real} evidence items not made by generate_volume. "
                "The benchmark adds synthetic evidence: point DATABASE_URL at a dedicated "
                "database (see docs/performance.md), or pass --force."
            )
        if real:
            self.stderr.write(self.style.WARNING(f"Measuring next to {real} real items."))
        strategy = Strategy.objects.default() or load_strategy(STRATEGY_2015_2020)[0]
        client = Client()
        client.force_login(self._manager())
        sizes = sorted(sizes)
        if volume.synthetic_evidence().count() > sizes[0]:
            # Only adding is fast: start again below the smallest size.
            self._progress(as_json, "Removing earlier synthetic evidence…")
            volume.remove()
        results = []
        for size in sizes:
            have = volume.synthetic_evidence().count()
            if have < size:
                self._progress(as_json, f"Generating {size - have} items…")
                volume.generate(size - have, strategy=strategy, seed=seed + have)
                self._analyze()
            results.append(self._measure(client, strategy, repeat))
        report = self._report(results, repeat)
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._print(report)

    def _progress(self, quiet, message):
        if not quiet:
            self.stdout.write(message)

    def _manager(self):
        manager, created = User.objects.get_or_create(
            username=BENCH_MANAGER, defaults={"first_name": "Benchmark", "last_name": "manager"}
        )
        if created:
            manager.set_unusable_password()
            manager.save(update_fields=["password"])
        manager.groups.add(Group.objects.get(name=MANAGERS))
        return manager

    def _analyze(self):
        """Fresh planner statistics after a bulk load, as autovacuum would give a live
        database (on PostgreSQL VACUUM also lets index-only scans skip the table)."""
        table = connection.ops.quote_name(Evidence._meta.db_table)
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (as in the test suite).
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"VACUUM ANALYZE {table}")
            else:
                cursor.execute(f"ANALYZE {table}")

    # The test client goes through every middleware, like a real request; these two
    # settings only let it in on a database configured for production.
    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False)
    def _measure(self, client, strategy, repeat):
        url = reverse("dashboard:index") + f"?strategy={strategy.slug}"

        def render():
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"The dashboard answered {response.status_code}.")

        as_of = rollup.default_as_of(strategy, timezone.localdate())
        countries, sub_objectives = rollup.target_cells(strategy)

        def bare_aggregate():
            rollup.cell_statuses(
                strategy, as_of, countries=countries, sub_objectives=sub_objectives
            )

        render()  # warm caches (templates, connection) before measuring
        # Counted by a wrapper: the query log is emptied at the start of each request.
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
        ):
            render()
        # Renders and bare queries alternate, so that load from elsewhere on the machine
        # weighs on both alike.
        pages, bares = [], []
        for _ in range(repeat):
            pages.append(_milliseconds(render))
            bares.append(_milliseconds(bare_aggregate))

        tracemalloc.start()
        render()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        p50, bare_p50 = statistics.median(pages), statistics.median(bares)
        return {
            "evidence": volume.synthetic_evidence().count(),
            "verified": volume.synthetic_evidence().verified().count(),
            "queries": len(queries),
            "p50_ms": round(p50, 1),
            "p95_ms": round(_percentile(pages, 95), 1),
            "peak_kib": round(peak / 1024),
            "bare_aggregate_p50_ms": round(bare_p50, 1),
            "bare_aggregate_p95_ms": round(_percentile(bares, 95), 1),
            "ratio": round(p50 / bare_p50, 2),
        }

    def _report(self, results, repeat):
        largest = results[-1]
        checks = {
            "queries_constant": len({r["queries"] for r in results}) == 1,
            f"queries_at_most_{MAX_QUERIES}": max(r["queries"] for r in results) <= MAX_QUERIES,
            f"ratio_at_most_{MAX_RATIO}": largest["ratio"] <= MAX_RATIO,
            f"p50_under_{MAX_P50_MS}_ms": largest["p50_ms"] < MAX_P50_MS,
        }
        return {
            "database": connection.vendor,
            "database_version": _version(),
            "repeat": repeat,
            "results": results,
            "targets_met_at_largest_size": checks,
        }

    def _print(self, report):
        columns = [
            ("evidence", "items"),
            ("verified", "verified"),
            ("queries", "queries"),
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("peak_kib", "peak KiB"),
            ("bare_aggregate_p50_ms", "bare p50 ms"),
            ("bare_aggregate_p95_ms", "bare p95 ms"),
            ("ratio", "p50 / bare"),
        ]
        self.stdout.write(
            f"\nDashboard on {report['database']} {report['database_version']}, "
            f"{report['repeat']} renders per size\n"
        )
        self.stdout.write(" | ".join(f"{title:>11}" for _, title in columns))
        for row in report["results"]:
            self.stdout.write(" | ".join(f"{row[key]:>11}" for key, _ in columns))
        self.stdout.write("")
        for name, met in report["targets_met_at_largest_size"].items():
            style = self.style.SUCCESS if met else self.style.ERROR
            self.stdout.write(style(f"{'met' if met else 'MISSED':>6}  {name}"))


def _version():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            return ""
        return cursor.fetchone()[0]
