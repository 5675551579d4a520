"""Test data factories. The strategy itself comes from the `strategy` fixture."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from countries.models import Assignment, Country
from evidence.models import Evidence
from objectives.models import SubObjective


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
