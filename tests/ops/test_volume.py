"""Synthetic evidence in volume (generate_volume) and the benchmark (bench_dashboard)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Evidence
from ops import volume

from ..factories import EvidenceFactory


def test_generate_volume_adds_n_items_spread_over_every_value(strategy):
    out = io.StringIO()
    call_command("generate_volume", evidence=2_500, seed=7, stdout=out)
    evidence = Evidence.objects.all()
    assert evidence.count() == 2_500
    assert "Added 2500 synthetic evidence items" in out.getvalue()

    def values(field):
        return set(evidence.values_list(field, flat=True).distinct())

    assert values("status") == set(Evidence.Status.values)
    assert values("rating") == set(Evidence.Rating.values)
    assert values("level") == set(Evidence.Level.values)
    assert values("kind") == set(Evidence.Kind.values)
    assert values("confidential") == {True, False}
    assert values("country") == set(strategy.target_countries.values_list("pk", flat=True))
    assert len(values("sub_objective")) == 9
    assert {day.year for day in values("date")} == set(strategy.years)
    assert values("author__username") == {volume.SYNTHETIC_USERNAME}


def test_generate_volume_is_repeatable_with_a_seed(strategy):
    def generated():
        call_command("generate_volume", evidence=50, seed=3, stdout=io.StringIO())
        rows = list(
            Evidence.objects.order_by("pk").values_list(
                "date", "country", "sub_objective", "rating", "status"
            )
        )
        volume.remove()
        return rows

    assert generated() == generated()


def test_the_synthetic_author_has_no_role_and_cannot_sign_in(strategy):
    volume.generate(1, strategy=strategy)
    author = Evidence.objects.get().author
    assert not author.has_usable_password()
    assert not author.groups.exists()


def test_generate_volume_refuses_a_count_below_one(strategy):
    with pytest.raises(CommandError):
        call_command("generate_volume", evidence=0)


def test_remove_deletes_synthetic_evidence_only(strategy, niger):
    real = EvidenceFactory(country=niger)
    volume.generate(30, strategy=strategy)
    assert volume.remove() == 30
    assert list(Evidence.objects.all()) == [real]


def test_the_benchmark_refuses_a_database_with_real_evidence(strategy, niger):
    EvidenceFactory(country=niger)
    with pytest.raises(CommandError, match="dedicated database"):
        call_command("bench_dashboard", sizes=[10], repeat=2, stdout=io.StringIO())


def test_the_benchmark_measures_each_size_with_a_constant_query_count(strategy):
    out = io.StringIO()
    call_command("bench_dashboard", sizes=[40, 20], repeat=3, as_json=True, stdout=out)
    report = json.loads(out.getvalue())
    sizes = [row["evidence"] for row in report["results"]]
    assert sizes == [20, 40]
    first, second = report["results"]
    assert first["queries"] == second["queries"] <= 15
    for row in report["results"]:
        assert row["p50_ms"] > 0 and row["bare_aggregate_p50_ms"] > 0 and row["peak_kib"] > 0
        assert row["ratio"] > 0
    assert report["targets_met_at_largest_size"]["queries_constant"] is True
