import dataclasses
import json
import tempfile
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from core.exports import write_xlsx
from dashboard import exports
from objectives.models import Strategy

KIB = 1024


def _peak_rss_mb():
    """This process's peak resident memory (Linux). Not getrusage's ru_maxrss, which a
    process started by another keeps from its parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / KIB
    raise RuntimeError("No VmHWM in /proc/self/status: the peak memory is read on Linux.")


class Command(BaseCommand):
    help = (
        "Write the evidence XLSX of the default strategy as USERNAME may see it, as the task "
        "worker does (the same table, the same writer, to a temporary file), and print its "
        "rows, size, seconds and this process's peak memory before and after. Run in a "
        "process of its own (bench_pages does) so the peak is the export's."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rows", type=int, help="As of the day the export reaches this many rows."
        )

    def handle(self, *args, username, rows, **options):
        user = User.objects.filter(username=username).first()
        strategy = Strategy.objects.default()
        if user is None or strategy is None:
            raise CommandError("No such user, or no default strategy.")
        as_of = timezone.localdate()
        if rows:
            # The export as of the day its rows reach `rows`: an export of that size, as a
            # reader asking for that date gets it.
            oldest_first = exports.exportable_evidence(user, strategy, as_of)
            days = oldest_first.values_list("date", flat=True)
            as_of = days[rows - 1] if days[rows - 1 : rows] else as_of
        table = exports.evidence_table(user, strategy, as_of)
        counted = _Counted(table.rows)
        table = dataclasses.replace(table, rows=counted)
        before = _peak_rss_mb()
        started = time.perf_counter()
        with tempfile.TemporaryFile() as stream:
            write_xlsx(table, stream)
            seconds = time.perf_counter() - started
            size = stream.tell()
        result = {
            "rows": counted.count,
            "seconds": round(seconds, 2),
            "megabytes": round(size / KIB / KIB, 1),
            "peak_rss_mb_before": round(before, 1),
            "peak_rss_mb": round(_peak_rss_mb(), 1),
        }
        self.stdout.write(json.dumps(result))


class _Counted:
    """The rows, counted as they are read."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
