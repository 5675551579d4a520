"""A strategy's life cycle: exactly one default strategy, chosen by an admin; each strategy
open for evidence until a day of its own; the next strategy started from a copy."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from objectives import services
from objectives.models import Objective, Strategy, SubObjective
from tests.factories import StrategyFactory, SubObjectiveFactory

TODAY = datetime.date(2021, 6, 1)


@pytest.fixture
def later(strategy):
    """A 2021–2025 strategy added beside the loaded 2015–2020 one, with a sub-objective."""
    added = StrategyFactory(first_year=2021, last_year=2025)
    SubObjectiveFactory(objective__strategy=added, objective__number=1)
    return added


def test_the_first_strategy_loaded_becomes_the_default(strategy):
    assert Strategy.objects.get(is_default=True) == strategy


def test_a_strategy_added_later_does_not_take_over_the_default(strategy, later):
    assert Strategy.objects.default() == strategy
    assert not later.is_default


def test_the_database_refuses_a_second_default(strategy, later):
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.filter(pk=later.pk).update(is_default=True)


def test_the_one_default_constraint_is_named_and_explained(strategy, later):
    later.is_default = True
    with pytest.raises(ValidationError, match="Another strategy is already the default"):
        later.validate_constraints()
    assert "one_default_strategy" in {c.name for c in Strategy._meta.constraints}


def test_making_a_strategy_the_default_unsets_the_previous_one(strategy, later):
    services.make_default(strategy=later)
    assert list(Strategy.objects.filter(is_default=True)) == [later]
    assert Strategy.objects.default() == later
    # Both changes are in the audit history.
    assert strategy.history.first().is_default is False
    assert later.history.first().is_default is True


def test_making_the_default_the_default_again_changes_nothing(strategy):
    services.make_default(strategy=strategy)
    assert list(Strategy.objects.filter(is_default=True)) == [strategy]


def test_a_failed_change_of_default_leaves_the_previous_one(strategy, later, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValidationError("refused")

    monkeypatch.setattr(Strategy, "full_clean", broken)
    with pytest.raises(ValidationError):
        services.make_default(strategy=later)
    assert list(Strategy.objects.filter(is_default=True)) == [strategy]


def test_without_a_default_row_the_newest_strategy_stands_in(strategy, later):
    Strategy.objects.update(is_default=False)
    assert Strategy.objects.default() == later


def test_no_strategy_no_default(db):
    assert Strategy.objects.default() is None


def test_a_strategy_without_a_closing_day_is_open_for_evidence(strategy, later):
    assert set(Strategy.objects.open_for_evidence(TODAY)) == {strategy, later}


def test_a_strategy_is_open_for_evidence_until_its_closing_day_included(strategy, later):
    strategy.open_for_evidence_until = TODAY
    strategy.save()
    assert set(Strategy.objects.open_for_evidence(TODAY)) == {strategy, later}
    next_day = TODAY + datetime.timedelta(days=1)
    assert list(Strategy.objects.open_for_evidence(next_day)) == [later]
    assert strategy.is_open_for_evidence(TODAY) and not strategy.is_open_for_evidence(next_day)


def test_a_strategy_without_sub_objectives_takes_no_evidence(strategy):
    empty = StrategyFactory(first_year=2021, last_year=2025)
    assert empty not in Strategy.objects.open_for_evidence(TODAY)


def test_a_strategy_cannot_close_before_its_first_year(strategy):
    strategy.open_for_evidence_until = datetime.date(2014, 12, 31)
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "first year, 2015" in str(error.value.message_dict["open_for_evidence_until"])


@pytest.mark.parametrize(
    ("this_year", "expected"),
    [(2018, "2015-2020"), (2023, "2021-2025"), (2030, "2021-2025"), (2010, "2021-2025")],
)
def test_the_migration_makes_the_strategy_dashboards_showed_the_default(
    strategy, later, monkeypatch, this_year, expected
):
    """Dashboards used to open on the strategy in force today, else the most recent one
    that had started, else the newest: the migration keeps that one."""
    migration = importlib.import_module("objectives.migrations.0003_strategy_life_cycle")
    Strategy.objects.update(is_default=False)
    monkeypatch.setattr(migration.timezone, "localdate", lambda: datetime.date(this_year, 3, 1))
    migration.make_the_current_strategy_the_default(apps, None)
    assert Strategy.objects.get(is_default=True).slug == expected


def test_the_next_strategy_is_proposed_after_the_last_one(strategy):
    assert services.proposed_copy(strategy) == {
        "name": "Strategy 2021–2026",
        "slug": "2021-2026",
        "first_year": 2021,
        "last_year": 2026,
    }


def test_a_name_without_its_period_gets_one(db):
    source = StrategyFactory(name="Freedom plan", slug="freedom", first_year=2010, last_year=2014)
    proposal = services.proposed_copy(source)
    assert (proposal["name"], proposal["slug"]) == (
        "Freedom plan (2015–2019)",
        "freedom-plan-2015-2019",
    )


def test_a_copy_has_the_objectives_sub_objectives_and_target_countries_of_its_source(strategy):
    strategy.vision = "A world free from slavery."
    strategy.save()
    copy = services.copy_strategy(
        source=strategy,
        name="Strategy 2021–2025",
        slug="2021-2025",
        first_year=2021,
        last_year=2025,
    )
    assert (copy.first_year, copy.last_year, copy.is_default) == (2021, 2025, False)
    assert copy.vision == "A world free from slavery."
    assert copy.target_country_count == strategy.target_country_count
    assert set(copy.target_countries.all()) == set(strategy.target_countries.all())
    copied = SubObjective.objects.of_strategy(copy).select_related("objective")
    original = SubObjective.objects.of_strategy(strategy).select_related("objective")
    assert [(s.code, s.text, s.short_title) for s in copied] == [
        (s.code, s.text, s.short_title) for s in original
    ]
    assert list(copy.objectives.values_list("number", "title")) == list(
        strategy.objectives.values_list("number", "title")
    )
    # The source is untouched and stays the default.
    assert SubObjective.objects.of_strategy(strategy).count() == 9
    assert Strategy.objects.default() == strategy


def test_a_copy_that_fails_part_way_leaves_nothing_behind(strategy, monkeypatch):
    counts = [model.objects.count() for model in (Strategy, Objective, SubObjective)]

    def refuse(self, *args, **kwargs):
        raise ValidationError("refused")

    monkeypatch.setattr(SubObjective, "full_clean", refuse)
    with pytest.raises(ValidationError):
        services.copy_strategy(
            source=strategy,
            name="Strategy 2021–2025",
            slug="2021-2025",
            first_year=2021,
            last_year=2025,
        )
    assert [model.objects.count() for model in (Strategy, Objective, SubObjective)] == counts


def test_a_copy_is_checked_like_any_strategy(strategy):
    with pytest.raises(ValidationError, match="already exists"):
        services.copy_strategy(
            source=strategy, name=strategy.name, slug="again", first_year=2021, last_year=2025
        )
    with pytest.raises(ValidationError, match="must not be after the last year"):
        services.copy_strategy(
            source=strategy, name="Backwards", slug="backwards", first_year=2025, last_year=2021
        )
