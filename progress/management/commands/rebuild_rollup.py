import time

from django.core.management.base import BaseCommand

from progress import rollup


class Command(BaseCommand):
    help = (
        "Recompute the roll-up summary (per cell, the day each rating was first reached and "
        "the first qualifying significant change; verified items per month) from the "
        "evidence, in one transaction. Needed only after writing evidence outside the app "
        "(raw SQL, bulk loads); every save and deletion through it keeps the summary up to "
        "date."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        cells = rollup.rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Summarised {cells} cells in {seconds:.1f} s."))
