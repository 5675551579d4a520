"""Test data factories. The 2015–2020 strategy itself comes from the `strategy` fixture."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from countries.models import Assignment, Country
from evidence.models import Evidence, Transition
from objectives.models import Objective, Strategy, SubObjective
from resilience.models import Place


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or []:
            self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def countries(self, create, countries, **kwargs):
        for country in countries or []:
            Assignment.objects.create(user=self, country=country)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    date = datetime.date(2017, 6, 1)
    country = factory.LazyFunction(lambda: Country.objects.get(code="NE"))
    sub_objective = factory.LazyFunction(lambda: SubObjective.objects.order_by("pk").first())
    title = factory.Sequence(lambda n: f"Evidence {n}")
    description = "What changed, who said so, and how we know."
    level = Evidence.Level.NATIONAL
    kind = Evidence.Kind.LAW
    rating = Evidence.Rating.SOME_PROGRESS
    source_url = "https://example.org/report"
    status = Evidence.Status.VERIFIED
    author = factory.SubFactory(UserFactory)


class StrategyFactory(factory.django.DjangoModelFactory):
    """A strategy of its own (the 2015–2020 one comes from the `strategy` fixture)."""

    class Meta:
        model = Strategy
        django_get_or_create = ["slug"]

    first_year = 2021
    last_year = 2025
    name = factory.LazyAttribute(lambda s: f"Strategy {s.first_year}–{s.last_year}")
    slug = factory.LazyAttribute(lambda s: f"{s.first_year}-{s.last_year}")
    target_country_count = 10


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Objective {o.number}")
    short_title = factory.LazyAttribute(lambda o: f"Objective {o.number}")


class SubObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubObjective

    objective = factory.SubFactory(ObjectiveFactory)
    number = 1
    text = factory.LazyAttribute(lambda s: f"Sub-objective {s.objective.number}.{s.number}")


class TransitionFactory(factory.django.DjangoModelFactory):
    """A status change, by default a return with its reason."""

    class Meta:
        model = Transition

    evidence = factory.SubFactory(EvidenceFactory)
    actor = factory.SubFactory(UserFactory)
    from_status = Evidence.Status.SUBMITTED
    to_status = Evidence.Status.RETURNED
    reason = "Add the partner's report."
    at = factory.LazyFunction(timezone.now)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    country = factory.LazyFunction(lambda: Country.objects.get(code="NE"))
    name = factory.Sequence(lambda n: f"Place {n}")
    kind = Place.Kind.DISTRICT
