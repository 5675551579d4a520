"""Plausible demo evidence for the 2015–2020 strategy (used by `manage.py seed_demo`).

The breakthroughs below give a headline that grows year by year (1, 1, 2, 4, 5, 6
countries with significant change at the end of 2015…2020); the rest is varied
background evidence at every level, kind, rating and status.
"""

import datetime
import random
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Assignment, Country
from evidence import services
from evidence.models import Evidence
from objectives.models import SubObjective

Kind, Level, Rating, Status = Evidence.Kind, Evidence.Level, Evidence.Rating, Evidence.Status

# (user name, full name, language, assigned country codes)
STAFF = [
    ("aminata", "Aminata Diallo", "fr", ["MR", "NE", "ML"]),
    ("priya", "Priya Sharma", "en", ["IN", "NP"]),
    ("fatou", "Fatou Ndiaye", "fr", ["SN", "LB"]),
    ("dilnoza", "Dilnoza Karimova", "en", ["UZ", "TM", "GB"]),
]
MANAGER = ("grace", "Grace Okafor")
RETURN_REASON = "The source does not say who reported the change: add the partner's report."
ADMIN = ("admin", "Site Admin")

# National breakthroughs that meet the strategy's definition of significant change:
# (country, sub-objective code, date, kind, title)
BREAKTHROUGHS = [
    ("GB", "1.2", (2015, 3, 26), Kind.LAW, "Modern Slavery Act receives Royal Assent"),
    (
        "MR",
        "1.1",
        (2017, 5, 4),
        Kind.PRACTICE,
        "Special anti-slavery court hands down first convictions",
    ),
    (
        "NE",
        "1.1",
        (2018, 10, 9),
        Kind.PRACTICE,
        "Prosecutors open cases under the anti-slavery article of the penal code",
    ),
    (
        "IN",
        "1.1",
        (2018, 2, 14),
        Kind.POLICY,
        "State adopts bonded-labour rehabilitation scheme for brick-kiln workers",
    ),
    (
        "NP",
        "1.1",
        (2019, 7, 1),
        Kind.POLICY,
        "Government commits to rehabilitation of freed Haliya bonded labourers",
    ),
    (
        "UZ",
        "1.1",
        (2020, 3, 10),
        Kind.PRACTICE,
        "Cotton harvest monitored nationally with no systemic forced labour found",
    ),
]

BACKGROUND_TITLES = {
    Kind.LAW: ["Draft amendment tabled in parliament", "Regional bylaw adopted"],
    Kind.POLICY: ["Ministry announces national action plan", "Labour inspection plan published"],
    Kind.PRACTICE: [
        "Labour inspectors trained and deployed",
        "First cases referred to prosecutors",
    ],
    Kind.BUSINESS: ["Brand publishes supplier list", "Company signs responsible-sourcing pledge"],
    Kind.PEOPLE: ["Families supported after release", "Survivors receive legal aid"],
    Kind.CAPACITY: ["Community paralegals trained", "Know-your-rights sessions held"],
    Kind.NORMS: ["Religious leaders speak out publicly", "Radio debate series on slavery"],
    Kind.RECOGNITION: ["UN rapporteur cites the issue", "Regional body adopts resolution"],
}


def _aware(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _password():
    return secrets.token_urlsafe(12)


def ensure_accounts():
    """Create or reset the demo accounts; return [(role, user name, password)]."""
    staff_group = Group.objects.get(name=COUNTRY_STAFF)
    manager_group = Group.objects.get(name=MANAGERS)
    credentials = []

    def account(username, full_name, role, **extra):
        first, last = full_name.split(" ", 1)
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                **extra,
            },
        )
        password = _password()
        user.set_password(password)
        user.save()
        credentials.append((role, username, password))
        return user

    account(*ADMIN, "admin", is_staff=True, is_superuser=True)
    manager = account(*MANAGER, "manager")
    manager.groups.add(manager_group)
    staff = {}
    for username, full_name, language, codes in STAFF:
        user = account(username, full_name, "country staff", language=language)
        user.groups.add(staff_group)
        for code in codes:
            Assignment.objects.get_or_create(user=user, country=Country.objects.get(code=code))
        staff[username] = user
    return credentials, manager, staff


def author_for(country, staff):
    for username, _, _, codes in STAFF:
        if country.code.code in codes:
            return staff[username]
    raise LookupError(country)


@dataclass
class _Seeder:
    """Logs demo evidence through the same services the app uses, and moves each item on
    to its status as its author and the manager would."""

    rng: random.Random
    sub_objectives: dict
    staff: dict
    manager: object
    created: int = 0

    def log(self, country, code, day, kind, level, rating, title, status, confidential=False):
        author = author_for(country, self.staff)
        evidence = services.create_evidence(
            author=author,
            at=_aware(day, 9),
            data=self._data(country, code, day, kind, level, rating, title, confidential),
        )
        self.created += 1
        self._advance(evidence, author, day, status)

    def _data(self, country, code, day, kind, level, rating, title, confidential):
        rng = self.rng
        return {
            "date": day,
            "country": country,
            "sub_objective": self.sub_objectives[code],
            "title": title,
            "description": (
                f"{title} ({country}). Recorded by the country team from partner reports "
                f"and follow-up interviews; context: {country.programme_theme.lower()}."
            ),
            "level": level,
            "kind": kind,
            "rating": rating,
            "source_url": f"https://example.org/reports/{country.code.code.lower()}/{day:%Y-%m}",
            "source_citation": f"Partner field report, {day:%B %Y}",
            "voice_and_inclusion": rng.random() < 0.6,
            "appropriateness": rng.random() < 0.8,
            "triangulation": rng.random() < 0.5,
            "contribution": rng.random() < 0.6,
            "transparency": rng.random() < 0.7,
            "confidential": confidential,
        }

    def _advance(self, evidence, author, day, status):
        if status == Status.DRAFT:
            return
        services.submit_evidence(evidence=evidence, actor=author, at=_aware(day, 11))
        if status == Status.RETURNED:
            services.return_evidence(
                evidence=evidence, actor=self.manager, reason=RETURN_REASON, at=_aware(day, 15)
            )
        elif status == Status.VERIFIED:
            services.verify_evidence(evidence=evidence, actor=self.manager, at=_aware(day, 15))

    def breakthroughs(self, countries):
        by_code = {c.code.code: c for c in countries}
        for code, sub_code, ymd, kind, title in BREAKTHROUGHS:
            day = datetime.date(*ymd)
            self.log(
                by_code[code], sub_code, day, kind, Level.NATIONAL, Rating.SIGNIFICANT, title,
                Status.VERIFIED,
            )  # fmt: skip

    def background(self, countries, strategy):
        """Two to four items per country and year, at every level, kind, rating and status."""
        rng, today, codes = self.rng, timezone.localdate(), list(self.sub_objectives)
        for country in countries:
            for year in strategy.years:
                for _ in range(rng.randint(2, 4)):
                    kind = rng.choice(list(Kind))
                    # Progress builds up over the period; significant ratings stay below
                    # national level here so that only the breakthroughs count for the headline.
                    rating = min(3, max(0, rng.randint(-1, 1) + (year - strategy.first_year) // 2))
                    level = rng.choice([Level.LOCAL, Level.REGIONAL, Level.INTERNATIONAL])
                    if rating < Rating.SIGNIFICANT:
                        level = rng.choice(list(Level))
                    day = min(today, datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)))
                    status = rng.choices(
                        [Status.VERIFIED, Status.SUBMITTED, Status.RETURNED, Status.DRAFT],
                        weights=[78, 10, 5, 7],
                    )[0]
                    # Drawn in this order, so the demo data stays the same from run to run.
                    code = rng.choice(codes)
                    title = rng.choice(BACKGROUND_TITLES[kind])
                    confidential = rng.random() < 0.08
                    self.log(
                        country, code, day, kind, level, rating, title, status,
                        confidential=confidential,
                    )  # fmt: skip


@transaction.atomic
def seed_evidence(*, strategy, manager, staff, seed=2015):
    """Create the demo evidence through the same services the app uses."""
    sub_objectives = {
        s.code: s for s in SubObjective.objects.of_strategy(strategy).select_related("objective")
    }
    seeder = _Seeder(random.Random(seed), sub_objectives, staff, manager)
    countries = list(strategy.target_countries.all())
    seeder.breakthroughs(countries)
    seeder.background(countries, strategy)
    return seeder.created
