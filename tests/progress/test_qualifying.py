"""What counts towards the headline, at the level of cells and items: the same definition
as the headline's, so pages can mark what qualifies and the report can cite it."""

import datetime

import pytest

from evidence.models import Evidence
from progress import rollup

from ..factories import EvidenceFactory

Status, Rating, Kind, Level = Evidence.Status, Evidence.Rating, Evidence.Kind, Evidence.Level
END_2020 = datetime.date(2020, 12, 31)


@pytest.fixture
def cells(strategy):
    return rollup.target_cells(strategy)


@pytest.fixture
def subs(strategy):
    first = strategy.objectives.get(number=1)
    return first.sub_objectives.get(number=1), first.sub_objectives.get(number=2)


def significant(country, sub, **fields):
    return EvidenceFactory(country=country, sub_objective=sub, rating=Rating.SIGNIFICANT, **fields)


def test_only_cells_with_a_national_law_policy_or_practice_rated_significant_qualify(
    strategy, cells, niger, mali, subs
):
    significant(niger, subs[0], kind=Kind.POLICY, date=datetime.date(2018, 2, 14))
    significant(mali, subs[0], level=Level.LOCAL)
    significant(mali, subs[1], kind=Kind.NORMS)
    significant(niger, subs[1], status=Status.SUBMITTED)
    countries, sub_objectives = cells
    qualifying = rollup.qualifying_cells(
        strategy, END_2020, countries=countries, sub_objectives=sub_objectives
    )
    assert qualifying == {(niger.pk, subs[0].pk): datetime.date(2018, 2, 14)}
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.status(mali, subs[0]) == Rating.SIGNIFICANT  # rated, but not counted
    assert [c for c in dashboard.countries if dashboard.has_significant_change(c)] == [niger]


def test_a_cell_qualifies_only_from_the_date_of_its_first_qualifying_item(
    strategy, cells, niger, subs
):
    significant(niger, subs[0], date=datetime.date(2018, 2, 14))
    countries, sub_objectives = cells
    before = rollup.qualifying_cells(
        strategy, datetime.date(2018, 2, 13), countries=countries, sub_objectives=sub_objectives
    )
    assert before == {}


def test_the_item_that_made_a_country_count_is_its_earliest_qualifying_one(
    strategy, cells, niger, subs
):
    significant(niger, subs[1], date=datetime.date(2019, 1, 1))
    first = significant(niger, subs[0], date=datetime.date(2018, 2, 14))
    significant(niger, subs[0], date=datetime.date(2018, 2, 14))
    countries, sub_objectives = cells
    items = rollup.first_qualifying_items(
        strategy, END_2020, countries=countries, sub_objectives=sub_objectives
    )
    assert items == {niger.pk: first}


def test_the_headline_evidence_explains_each_country_that_counts_or_not(
    strategy, niger, mali, subs
):
    first = significant(niger, subs[0], date=datetime.date(2018, 2, 14))
    significant(niger, subs[1], date=datetime.date(2019, 1, 1))
    significant(mali, subs[0], level=Level.REGIONAL)
    significant(mali, subs[1], kind=Kind.CAPACITY)
    by_country = {row.country: row for row in rollup.headline_evidence(strategy, END_2020)}
    assert len(by_country) == 10
    assert by_country[niger].counts
    assert (by_country[niger].since, by_country[niger].first_item) == (first.date, first)
    assert (by_country[niger].qualifying, by_country[niger].rated_significant) == (2, 2)
    assert not by_country[mali].counts
    assert (by_country[mali].qualifying, by_country[mali].rated_significant) == (0, 2)
    headline = rollup.build_dashboard(strategy, END_2020).headline
    assert headline == sum(row.counts for row in by_country.values())


def test_items_are_annotated_with_whether_they_qualify(strategy, niger, subs):
    yes = significant(niger, subs[0])
    no = significant(niger, subs[0], level=Level.LOCAL)
    marked = dict(rollup.with_qualifies(Evidence.objects.all()).values_list("pk", "qualifies"))
    assert marked == {yes.pk: True, no.pk: False}
