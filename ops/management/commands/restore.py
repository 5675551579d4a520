from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `backup`. Run `migrate` first; "
        "refuses a database that holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Backup file (.json.gz) to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete everything in the database before restoring.",
        )

    def handle(self, *args, file, force, **options):
        try:
            restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {file}")
