from django.core.management.base import BaseCommand
from django.db import transaction

from objectives.loading import load_strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load the 2015–2020 strategy: its objectives, sub-objectives and ten target "
        "countries. Adds only what is missing; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be added, write nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                strategy, report = load_strategy(STRATEGY_2015_2020)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        for line in report.created:
            self.stdout.write(f"  + {line}")
        verb = "Would add" if dry_run else "Added"
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(f"{verb} {len(report.created)} rows for {strategy}.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{strategy} is already loaded; nothing to do."))
