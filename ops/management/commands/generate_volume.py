import time

from django.core.management.base import BaseCommand, CommandError

from objectives.models import Strategy
from ops import volume


class Command(BaseCommand):
    help = (
        "Add N synthetic evidence items to a strategy (the default one unless named), spread "
        "over its target countries, sub-objectives and years and over every status, rating, "
        "level and kind, with bulk inserts. They are authored by the role-less account "
        f"'{volume.SYNTHETIC_USERNAME}'. For measuring the dashboard in a dedicated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--evidence", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=None, help="Repeatable data.")
        parser.add_argument("--strategy", metavar="SLUG", help="Default: the default strategy.")

    def handle(self, *args, evidence, seed, strategy, **options):
        if evidence < 1:
            raise CommandError("--evidence must be at least 1.")
        if strategy:
            chosen = Strategy.objects.filter(slug=strategy).first()
        else:
            chosen = Strategy.objects.default()
        if chosen is None:
            raise CommandError("No such strategy: load one first (manage.py load_strategy).")
        started = time.perf_counter()
        try:
            created = volume.generate(evidence, strategy=chosen, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {created} synthetic evidence items to {chosen} "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
