"""`manage.py import_evidence FILE --user NAME [--strategy SLUG] [--submit] [--dry-run]`:
an import from the command line, with the same rules and report as the web pages."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from accounts.models import User
from objectives.models import Strategy

from ... import services
from ...models import Batch, RowStatus
from ...reading import FileRefused, refusal_of


class Command(BaseCommand):
    help = "Import evidence from an XLSX or CSV file as a user (preview only with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The author: country staff's username.")
        parser.add_argument("--strategy", help="Slug of an open strategy (default: the default).")
        parser.add_argument("--submit", action="store_true", help="Submit the items imported.")
        parser.add_argument("--dry-run", action="store_true", help="Preview only: write nothing.")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}.")
        strategy = self._strategy(options["strategy"])
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        with translation.override(user.language or None):
            batch = self._preview(user, strategy, path)
            self._report(batch)
            if batch.status == Batch.Status.REFUSED:
                raise CommandError(batch.message)
            if options["dry_run"]:
                self.stdout.write("Dry run: nothing was written.")
                batch.delete()
                return
            services.start_import(batch, actor=user, submit_all=options["submit"])
            batch = services.run_import(batch)
            self.stdout.write(self.style.SUCCESS(f"Imported: batch {batch.pk}."))
            self._report(batch)

    def _strategy(self, slug):
        open_ = Strategy.objects.open_for_evidence(timezone.localdate())
        strategy = (
            open_.filter(slug=slug).first() if slug else open_.filter(is_default=True).first()
        )
        strategy = strategy or (None if slug else open_.first())
        if strategy is None:
            raise CommandError("No such strategy open for evidence.")
        return strategy

    def _preview(self, user, strategy, path):
        with path.open("rb") as handle:
            try:
                batch = services.create_batch(
                    user=user,
                    strategy=strategy,
                    upload=File(handle, name=path.name),
                    language=user.language,
                )
            except PermissionDenied:
                raise CommandError(
                    f"{user.username} is not country staff with countries."
                ) from None
            except FileRefused as refused:
                raise CommandError(refusal_of(refused)) from None
        return services.preview(batch)

    def _report(self, batch):
        self.stdout.write(
            f"{batch.file_name}: {batch.new} new, {batch.updated} to update, "
            f"{batch.unchanged} unchanged, {batch.locked} locked, {batch.errors} in error."
        )
        problems = batch.rows.exclude(
            status__in=[RowStatus.NEW, RowStatus.UPDATE, RowStatus.UNCHANGED]
        )
        for row in problems.iterator():
            for column, message in row.problems:
                self.stdout.write(
                    f"Row {row.number} ({row.get_status_display()}), {column}: {message}"
                )
