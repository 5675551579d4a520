"""The roll-up rules of domain.md, one test per rule."""

import datetime

import pytest

from countries.models import Country
from evidence.models import Evidence
from progress import rollup

from ..factories import EvidenceFactory

Status, Rating, Kind, Level = Evidence.Status, Evidence.Rating, Evidence.Kind, Evidence.Level
END_2020 = datetime.date(2020, 12, 31)


@pytest.fixture
def cell(strategy, niger):
    """Niger × sub-objective 1.1."""
    return niger, strategy.objectives.get(number=1).sub_objectives.get(number=1)


def status_of(strategy, cell, as_of=END_2020):
    return rollup.build_dashboard(strategy, as_of).status(*cell)


def log(cell, **fields):
    country, sub = cell
    return EvidenceFactory(country=country, sub_objective=sub, **fields)


def test_a_cell_without_verified_evidence_has_no_evidence_yet_not_no_change(strategy, cell):
    assert status_of(strategy, cell) is None
    log(cell, rating=Rating.NO_CHANGE)
    assert status_of(strategy, cell) == Rating.NO_CHANGE


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_unverified_evidence_is_ignored(strategy, cell, status):
    log(cell, status=status, rating=Rating.SIGNIFICANT)
    assert status_of(strategy, cell) is None


def test_the_highest_verified_rating_wins_whatever_its_date(strategy, cell):
    log(cell, rating=Rating.SOME_PROGRESS, date=datetime.date(2016, 1, 1))
    log(cell, rating=Rating.EARLY_SIGNS, date=datetime.date(2019, 1, 1))
    assert status_of(strategy, cell) == Rating.SOME_PROGRESS


def test_only_evidence_dated_on_or_before_the_as_of_date_counts(strategy, cell):
    log(cell, rating=Rating.EARLY_SIGNS, date=datetime.date(2016, 5, 1))
    log(cell, rating=Rating.SIGNIFICANT, date=datetime.date(2018, 3, 1))
    assert status_of(strategy, cell, datetime.date(2016, 4, 30)) is None
    assert status_of(strategy, cell, datetime.date(2016, 5, 1)) == Rating.EARLY_SIGNS
    assert status_of(strategy, cell, datetime.date(2017, 12, 31)) == Rating.EARLY_SIGNS
    assert status_of(strategy, cell, datetime.date(2018, 3, 1)) == Rating.SIGNIFICANT


def test_significant_change_counts_for_a_national_law_policy_or_practice(strategy, cell):
    for kind in (Kind.LAW, Kind.POLICY, Kind.PRACTICE):
        Evidence.objects.all().delete()
        log(cell, rating=Rating.SIGNIFICANT, kind=kind, level=Level.NATIONAL)
        assert rollup.build_dashboard(strategy, END_2020).headline == 1, kind


@pytest.mark.parametrize(
    "fields",
    [
        {"rating": Rating.SOME_PROGRESS, "kind": Kind.LAW, "level": Level.NATIONAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.LAW, "level": Level.LOCAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.LAW, "level": Level.REGIONAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.POLICY, "level": Level.INTERNATIONAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.BUSINESS, "level": Level.NATIONAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.NORMS, "level": Level.NATIONAL},
        {"rating": Rating.SIGNIFICANT, "kind": Kind.PEOPLE, "level": Level.NATIONAL},
        {
            "rating": Rating.SIGNIFICANT,
            "kind": Kind.LAW,
            "level": Level.NATIONAL,
            "status": Status.SUBMITTED,
        },
    ],
    ids=[
        "not-significant",
        "local",
        "regional",
        "international",
        "business",
        "norms",
        "people",
        "unverified",
    ],
)
def test_other_evidence_is_not_significant_change_for_the_country(strategy, cell, fields):
    log(cell, **fields)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.headline == 0
    assert not dashboard.has_significant_change(cell[0])


def test_countries_outside_the_strategys_targets_are_not_counted(strategy, cell):
    brazil = Country.objects.create(code="BR")
    _, sub = cell
    EvidenceFactory(country=brazil, sub_objective=sub, rating=Rating.SIGNIFICANT)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.headline == 0
    assert brazil not in dashboard.countries
    assert dashboard.cells == {}
    assert dashboard.evidence_by_year_level == {}


def test_confidential_evidence_counts_in_the_aggregate(strategy, cell):
    log(cell, rating=Rating.SIGNIFICANT, confidential=True)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.headline == 1
    assert dashboard.status(*cell) == Rating.SIGNIFICANT


def test_the_headline_is_given_at_the_end_of_each_year(strategy, cell, mali):
    log(cell, rating=Rating.SIGNIFICANT, date=datetime.date(2016, 12, 31))
    EvidenceFactory(
        country=mali,
        sub_objective=cell[1],
        rating=Rating.SIGNIFICANT,
        date=datetime.date(2019, 1, 1),
    )
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.headline_by_year == [
        (2015, 0),
        (2016, 1),
        (2017, 1),
        (2018, 1),
        (2019, 2),
        (2020, 2),
    ]
    assert (dashboard.headline, dashboard.target) == (2, 10)
    as_of_2017 = rollup.build_dashboard(strategy, datetime.date(2017, 6, 30))
    assert as_of_2017.headline_by_year == [(2015, 0), (2016, 1), (2017, 1)]
    assert as_of_2017.headline == 1


def test_progress_is_the_distribution_of_cell_statuses_across_target_countries(
    strategy, cell, mali
):
    niger, sub = cell
    log(cell, rating=Rating.EARLY_SIGNS)
    EvidenceFactory(country=mali, sub_objective=sub, rating=Rating.SIGNIFICANT, level=Level.LOCAL)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    distribution = dashboard.by_sub_objective[sub.pk]
    assert distribution.counts[Rating.EARLY_SIGNS] == 1
    assert distribution.counts[Rating.SIGNIFICANT] == 1
    assert distribution.counts[None] == 8
    assert distribution.total == 10
    objective = dashboard.by_objective[sub.objective_id]
    assert objective.total == 30  # 10 countries × 3 sub-objectives of objective 1
    assert objective.with_evidence == 2


def test_coverage_counts_cells_with_evidence_and_the_queue_is_apart(strategy, cell):
    log(cell, rating=Rating.NO_CHANGE)
    log(cell, status=Status.SUBMITTED)
    log(cell, status=Status.SUBMITTED)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    assert dashboard.coverage == pytest.approx(1 / 90)
    assert dashboard.awaiting_verification == 2


def test_evidence_over_time_counts_verified_items_by_year_objective_and_level(strategy, cell):
    log(cell, date=datetime.date(2016, 2, 1), level=Level.LOCAL)
    log(cell, date=datetime.date(2016, 3, 1), level=Level.NATIONAL)
    log(cell, date=datetime.date(2018, 3, 1), level=Level.NATIONAL)
    log(cell, date=datetime.date(2018, 3, 1), status=Status.DRAFT)
    dashboard = rollup.build_dashboard(strategy, END_2020)
    objective_id = cell[1].objective_id
    assert dashboard.evidence_by_year_objective == {
        (2016, objective_id): 2,
        (2018, objective_id): 1,
    }
    assert dashboard.evidence_by_year_level == {
        (2016, Level.LOCAL): 1,
        (2016, Level.NATIONAL): 1,
        (2018, Level.NATIONAL): 1,
    }


def test_status_by_year_keeps_the_best_rating_so_far(strategy, cell):
    niger, sub = cell
    log(cell, rating=Rating.SOME_PROGRESS, date=datetime.date(2014, 6, 1))
    log(cell, rating=Rating.EARLY_SIGNS, date=datetime.date(2017, 6, 1))
    log(cell, rating=Rating.SIGNIFICANT, date=datetime.date(2019, 6, 1))
    countries, subs = rollup.target_cells(strategy)
    history = rollup.status_by_year(strategy, countries=countries, sub_objectives=subs)
    assert [history[(niger.pk, sub.pk, y)] for y in strategy.years] == [2, 2, 2, 2, 3, 3]


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    strategy, cell, mali, django_assert_num_queries
):
    with django_assert_num_queries(4):
        rollup.build_dashboard(strategy, END_2020)
    for i in range(40):
        EvidenceFactory(
            country=mali if i % 2 else cell[0],
            sub_objective=cell[1],
            rating=i % 4,
            date=datetime.date(2015 + i % 6, 1 + i % 12, 1),
        )
    with django_assert_num_queries(4):
        rollup.build_dashboard(strategy, END_2020)
