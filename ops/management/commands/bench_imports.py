import json

from django.core.management.base import BaseCommand, CommandError

from imports.models import Batch
from objectives.loading import load_strategy
from objectives.models import Strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from ops import import_bench, volume

# The targets (docs/performance.md, "Evidence imports").
MAX_PREVIEW_SECONDS = 10
MAX_IMPORT_SECONDS = 20
MAX_MEMORY_MB = 200


class Command(BaseCommand):
    help = (
        "Measure an evidence import: a workbook of --rows rows previewed, imported, previewed "
        "again (all unchanged) and undone, with the queries of each step and the process's "
        "peak memory, beside plain SQL inserting as many rows. Run it on a database of its "
        "own: it refuses one that holds evidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, rows, as_json, **options):
        if volume.real_evidence().exists() or Batch.objects.exists():
            raise CommandError("This database holds evidence: run the benchmark on a fresh one.")
        strategy = Strategy.objects.default() or load_strategy(STRATEGY_2015_2020)[0]
        figures = import_bench.run(strategy, rows)
        if as_json:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        for name in ("preview", "import", "reupload_preview", "undo"):
            step = figures[name]
            self.stdout.write(
                f"{name}: {step['seconds']} s ({step['cpu_seconds']} s CPU), "
                f"{step['queries']} queries"
            )
        self.stdout.write(
            f"{rows} rows, {figures['file_kb']} KB; plain SQL insert: "
            f"{figures['plain_sql_insert_s']} s; peak memory {figures['peak_memory_mb']} MB"
        )
        ok = (
            figures["preview"]["seconds"] < MAX_PREVIEW_SECONDS
            and figures["import"]["seconds"] < MAX_IMPORT_SECONDS
            and figures["peak_memory_mb"] < MAX_MEMORY_MB
        )
        self.stdout.write(
            self.style.SUCCESS("Within targets.") if ok else self.style.ERROR("Over a target.")
        )
