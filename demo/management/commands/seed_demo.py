from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.evidence import ensure_accounts, seed_evidence
from demo.narratives import seed_narratives
from demo.resilience import seed_reviews
from evidence.models import Evidence
from notifications.receivers import muted
from objectives import services
from objectives.models import Strategy

# The demo's next strategy, started from a copy of 2015–2020 and open for evidence beside
# it: final reporting on one strategy and the start of the next overlap.
NEXT_STRATEGY = {
    "name": "Strategy 2021–2025",
    "slug": "2021-2025",
    "first_year": 2021,
    "last_year": 2025,
}


class Command(BaseCommand):
    help = (
        "Create demo accounts (admin, manager, country staff) with new passwords, plausible "
        "evidence for 2015–2020 (the default strategy) and the 2021–2025 strategy started from "
        "a copy of it. For local use only: refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with known passwords; it refuses to run with DEBUG off."
            )
        call_command("load_strategy", stdout=self.stdout)
        strategy = Strategy.objects.get(slug="2015-2020")
        credentials, manager, staff = ensure_accounts()
        if Evidence.objects.of_strategy(strategy).exists():
            self.stdout.write("Evidence already present; no demo evidence added.")
        else:
            # Years of demo history are not news: nobody is emailed about them.
            with muted():
                created = seed_evidence(strategy=strategy, manager=manager, staff=staff)
            self.stdout.write(self.style.SUCCESS(f"Added {created} demo evidence items."))
        with muted():
            narratives = seed_narratives(strategy=strategy, manager=manager, staff=staff)
        if narratives:
            self.stdout.write(self.style.SUCCESS(f"Added {narratives} demo narratives."))
        call_command("load_resilience", stdout=self.stdout)
        reviews = seed_reviews(staff=staff)
        self.stdout.write(self.style.SUCCESS(f"Added {reviews} demo resilience reviews."))
        # After the starter set, whose resources are tagged with 2015–2020's sub-objectives.
        if not Strategy.objects.filter(slug=NEXT_STRATEGY["slug"]).exists():
            services.copy_strategy(source=strategy, **NEXT_STRATEGY)
            self.stdout.write(f"Started {NEXT_STRATEGY['name']} from a copy of {strategy}.")
        self.stdout.write("\nDemo accounts (passwords are new each run):")
        for role, username, password in credentials:
            self.stdout.write(f"  {role:<14} {username:<10} {password}")
