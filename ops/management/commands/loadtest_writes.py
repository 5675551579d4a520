from django.core.management.base import BaseCommand, CommandError

from ops import loadtest


class Command(BaseCommand):
    help = (
        "After a load test: check that every evidence item whose saving the server "
        "acknowledged is in the database exactly once. Exits with an error if any is lost "
        "or duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--run", required=True, help="The run's id, as in the titles.")
        parser.add_argument(
            "--writes", required=True, help="The scenario's record: one '<id>\\t<title>' a line."
        )

    def handle(self, *args, run, writes, **options):
        with open(writes, encoding="utf-8") as lines:
            check = loadtest.check_writes(run, loadtest.read_writes(lines))
        self.stdout.write(
            f"writes acknowledged: {check.acknowledged}; found exactly once: {check.found}; "
            f"lost: {check.lost}; duplicated: {len(check.duplicated)}; "
            f"saved but not acknowledged: {check.unacknowledged}"
        )
        for title in check.missing:
            self.stderr.write(f"lost: {title}")
        for title in check.duplicated:
            self.stderr.write(f"duplicated: {title}")
        if check.missing or check.duplicated:
            raise CommandError("Some acknowledged writes are not in the database exactly once.")
