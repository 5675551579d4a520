"""The shape of every command that loads shipped data (a strategy, the resilience starter
set): it adds only what is missing, says what it added, and with --dry-run says what it
would add and writes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction


class _DryRun(Exception):
    pass


class LoadCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be added, write nothing."
        )

    def load(self):
        """Load what is missing; return (lines naming what was added, a sentence saying
        how much was added, the sentence to say when nothing was)."""
        raise NotImplementedError

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                added, summary, nothing = self.load()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        for line in added:
            self.stdout.write(f"  + {line}")
        if added:
            verb = "Would add" if dry_run else "Added"
            self.stdout.write(self.style.SUCCESS(f"{verb} {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(nothing))
