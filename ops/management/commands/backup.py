from django.conf import settings
from django.core.management.base import BaseCommand

from ops.backups import write_backup


class Command(BaseCommand):
    help = "Write the whole database, history included, to a gzipped JSON file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="File to write (default: a timestamped file in BACKUP_DIR).",
        )

    def handle(self, *args, output=None, **options):
        path = write_backup(directory=settings.BACKUP_DIR, path=output)
        self.stdout.write(f"Backup written to {path}")
