"""The roll-up summary stays equal to a full recomputation after any sequence of changes
to evidence (hypothesis), and the statuses it gives are those the rules give when applied
to the evidence item by item."""

import datetime

from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.roles import MANAGERS
from countries.models import Country
from evidence import services
from evidence.models import Evidence
from objectives.loading import load_strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from progress import rollup
from progress.models import CellMonthCount, CellSummary
from tests.factories import EvidenceFactory, UserFactory

Status, Rating, Kind, Level = Evidence.Status, Evidence.Rating, Evidence.Kind, Evidence.Level

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
DATES = st.dates(datetime.date(2014, 1, 1), datetime.date(2021, 12, 31))
# Few values, so operations collide on cells, ratings and dates.
FIELDS = {
    "cell": st.integers(0, 3),
    "status": st.sampled_from(Status.values),
    "rating": st.sampled_from(Rating.values),
    "date": st.sampled_from([datetime.date(2016, 3, 1), datetime.date(2016, 3, 31)]) | DATES,
    "level": st.sampled_from([Level.NATIONAL, Level.LOCAL]),
    "kind": st.sampled_from([Kind.LAW, Kind.NORMS]),
}
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.fixed_dictionaries(FIELDS)),
        st.tuples(st.just("edit"), st.integers(0, 20), st.fixed_dictionaries({}, optional=FIELDS)),
        st.tuples(st.just("verify"), st.integers(0, 20)),
        st.tuples(st.just("revert"), st.integers(0, 20)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("retarget"), st.integers(0, 3)),
    ),
    max_size=12,
)


class RollupSummaryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.strategy, _ = load_strategy(STRATEGY_2015_2020)
        countries = [Country.objects.get(code="NE"), Country.objects.get(code="ML")]
        subs = list(cls.strategy.objectives.get(number=1).sub_objectives.order_by("number")[:2])
        cls.cells = [(country, sub) for country in countries for sub in subs]
        cls.author = UserFactory(username="author")
        cls.manager = UserFactory(username="manager", groups=[MANAGERS])

    def apply(self, operation, items):
        name, *args = operation
        if name == "create":
            items.append(self.create(**args[0]))
        elif name == "retarget":
            country, _sub = self.cells[args[0]]
            targets = self.strategy.target_countries
            targets.remove(country) if targets.filter(pk=country.pk).exists() else targets.add(
                country
            )
        elif items:
            item = items[args[0] % len(items)]
            getattr(self, name)(item, *args[1:])
            if name == "delete":
                items.remove(item)

    def create(self, *, cell, **fields):
        country, sub = self.cells[cell]
        return EvidenceFactory(country=country, sub_objective=sub, author=self.author, **fields)

    def edit(self, item, changes):
        """An edit as the admin makes it: any field, the cell included, saved."""
        if "cell" in changes:
            item.country, item.sub_objective = self.cells[changes.pop("cell")]
        for field, value in changes.items():
            setattr(item, field, value)
        item.save()

    def verify(self, item):
        if item.status == Status.SUBMITTED:
            services.verify_evidence(evidence=item, actor=self.manager)

    def revert(self, item):
        """The admin's revert: the item's first recorded version saved again."""
        item.history.earliest().instance.save()
        item.refresh_from_db()

    def delete(self, item):
        item.delete()

    def assertSummaryIsARecomputation(self):
        kept = rollup.summary_snapshot()
        rollup.rebuild()
        self.assertEqual(kept, rollup.summary_snapshot())

    def assertStatusesFollowTheRules(self):
        countries = [country for country, _sub in self.cells[::2]]
        subs = [sub for _country, sub in self.cells[:2]]
        for as_of in (
            datetime.date(2015, 12, 31),
            datetime.date(2016, 3, 15),
            datetime.date(2021, 12, 31),
        ):
            expected = {}
            for item in Evidence.objects.verified().as_of(as_of):
                cell = (item.country_id, item.sub_objective_id)
                expected[cell] = max(item.rating, expected.get(cell, item.rating))
            statuses = rollup.cell_statuses(
                self.strategy, as_of, countries=countries, sub_objectives=subs
            )
            self.assertEqual(statuses, expected)

    def test_the_summary_equals_a_recomputation_after_any_changes(self):
        # Each example in a transaction rolled back after it.
        @EXAMPLES
        @given(OPERATIONS)
        def run(operations):
            with transaction.atomic():
                items = []
                for operation in operations:
                    self.apply(operation, items)
                    self.assertSummaryIsARecomputation()
                self.assertStatusesFollowTheRules()
                transaction.set_rollback(True)

        run()


def test_rebuild_rollup_recomputes_a_summary_written_around(strategy, niger, capsys):
    sub = strategy.objectives.get(number=1).sub_objectives.get(number=1)
    EvidenceFactory(country=niger, sub_objective=sub, rating=Rating.SIGNIFICANT)
    expected = rollup.summary_snapshot()
    CellSummary.objects.all().delete()
    CellMonthCount.objects.update(verified=99)
    call_command("rebuild_rollup")
    assert rollup.summary_snapshot() == expected
    assert "Summarised 1 cells" in capsys.readouterr().out


def test_a_verification_moves_the_summary_in_its_transaction(strategy, niger):
    sub = strategy.objectives.get(number=1).sub_objectives.get(number=1)
    item = EvidenceFactory(country=niger, sub_objective=sub, status=Status.SUBMITTED)
    manager = UserFactory(groups=[MANAGERS])
    assert CellSummary.objects.get().awaiting == 1
    with transaction.atomic():
        services.verify_evidence(evidence=item, actor=manager)
        summary = CellSummary.objects.get()
        assert (summary.awaiting, summary.reached_2, summary.reached_3) == (0, item.date, None)
        transaction.set_rollback(True)
    assert CellSummary.objects.get().awaiting == 1
