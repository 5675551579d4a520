import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from notifications import services


class Command(BaseCommand):
    help = (
        "The daily run of the notifications: record the reminders due (drafts untouched, "
        "evidence waiting for verification, reporting deadlines coming) and queue the "
        "emails of the day: reminders for those who hear at once, digests for the rest. "
        "Run it once a day (cron or a systemd timer, docs/deploy.md); running it again the "
        "same day, or after a crash, sends nothing twice. The task worker sends the emails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Run as on this day (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be recorded and queued, and write nothing.",
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        today = self._day(date)
        if dry_run:
            with transaction.atomic():
                done = services.run_daily(today)
                transaction.set_rollback(True)
        else:
            # Not one transaction: each recipient's email is committed as it is queued, so
            # a run that stops half-way keeps what it did, and the next run does the rest.
            done = services.run_daily(today)
        for what, count in done.items():
            self.stdout.write(f"{what}: {count}")
        verb = "would be queued" if dry_run else "queued"
        emails = sum(count for what, count in done.items() if what.endswith(("emails", "digests")))
        emails += done["emails queued again"]
        self.stdout.write(self.style.SUCCESS(f"{today}: {emails} emails {verb}."))

    @staticmethod
    def _day(value):
        if not value:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date must be a day such as 2025-06-30, not {value!r}.") from None
