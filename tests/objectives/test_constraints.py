"""The database refuses rows that break an absolute rule."""

import pytest
from django.db import IntegrityError, transaction

from evidence.models import Evidence, Transition
from objectives.models import Objective, Strategy, SubObjective

from ..factories import EvidenceFactory


def refuses(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_objective_numbers_are_unique_within_a_strategy(strategy):
    refuses(
        lambda: Objective.objects.create(strategy=strategy, number=1, title="x", short_title="x")
    )


def test_sub_objective_codes_are_unique_within_a_strategy(strategy):
    objective = strategy.objectives.get(number=1)
    refuses(lambda: SubObjective.objects.create(objective=objective, number=2, text="dup"))


def test_strategy_period_must_be_in_order(db):
    refuses(
        lambda: Strategy.objects.create(
            name="Backwards", slug="b", first_year=2020, last_year=2015, target_country_count=1
        )
    )


def test_strategy_target_must_be_positive(db):
    refuses(
        lambda: Strategy.objects.create(
            name="Zero", slug="z", first_year=2020, last_year=2021, target_country_count=0
        )
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"rating": 4},
        {"level": "planetary"},
        {"kind": "rumour"},
        {"status": "approved"},
        {"source_url": "", "source_citation": ""},
    ],
    ids=["rating-off-scale", "unknown-level", "unknown-kind", "unknown-status", "no-source"],
)
def test_evidence_rows_breaking_a_rule_are_refused(strategy, bad):
    refuses(lambda: EvidenceFactory(**bad))


def test_a_return_without_a_reason_is_refused(strategy):
    evidence = EvidenceFactory()
    refuses(
        lambda: Transition.objects.create(
            evidence=evidence,
            actor=evidence.author,
            from_status="submitted",
            to_status="returned",
            reason="",
            at="2020-01-01T00:00Z",
        )
    )


def test_evidence_sub_objective_always_belongs_to_its_strategy(strategy):
    """Evidence has no strategy column of its own: its strategy is its sub-objective's,
    so the two cannot disagree."""
    evidence = EvidenceFactory()
    assert Evidence.objects.of_strategy(strategy).get() == evidence
    assert not hasattr(evidence, "strategy_id")
