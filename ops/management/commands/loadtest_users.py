import json
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from objectives.models import Strategy
from ops import loadtest


class Command(BaseCommand):
    help = (
        "Create or reset the load test's accounts (country staff assigned to the default "
        "strategy's countries, and managers) with new passwords, and write their credentials "
        "as JSON to a file only the owner can read. For a load-test database only: refuses "
        "to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=35, metavar="N")
        parser.add_argument("--managers", type=int, default=15, metavar="N")
        parser.add_argument("--output", required=True, help="JSON file for the credentials.")

    def handle(self, *args, staff, managers, output, **options):
        if not settings.DEBUG:
            raise CommandError(
                "loadtest_users creates accounts and writes their passwords to a file; "
                "it refuses to run with DEBUG off."
            )
        if staff < 1 or managers < 1:
            raise CommandError("--staff and --managers must be at least 1.")
        strategy = Strategy.objects.default()
        if strategy is None:
            raise CommandError("No strategy: load one first (manage.py load_strategy).")
        credentials = loadtest.create_users(strategy=strategy, staff=staff, managers=managers)
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            json.dump(credentials, out, indent=1)
        self.stdout.write(
            f"{staff} country staff and {managers} managers ready; credentials in {output}."
        )
