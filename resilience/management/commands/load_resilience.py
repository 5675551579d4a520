from django.core.management.base import BaseCommand
from django.db import transaction

from resilience.starter import load_starter_set


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load the resilience starter set: cycle stages and topic areas (a starter template "
        "to adapt in the admin) and the four resources of the framework's source document. "
        "Adds only what is missing; safe to run again. Run load_strategy first so the "
        "resources are tagged with sub-objectives."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be added, write nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                created = load_starter_set()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        verb = "Would add" if dry_run else "Added"
        if any(created.values()):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {created['stages']} cycle stages, {created['topic_areas']} topic "
                    f"areas and {created['resources']} resources."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("The resilience starter set is already loaded; nothing to do.")
            )
