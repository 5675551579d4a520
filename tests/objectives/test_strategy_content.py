"""The 2015–2020 strategy is loaded exactly as the organisation published it."""

import io

from django.core.management import call_command

from countries.models import Country
from objectives.loading import load_strategy
from objectives.models import Objective, Strategy, SubObjective
from tests.factories import StrategyFactory, SubObjectiveFactory

OBJECTIVES = [
    (
        1,
        "Duty bearers are responsive and accountable to the rights and needs of people "
        "affected by and vulnerable to slavery",
    ),
    (
        2,
        "People affected by and vulnerable to slavery are empowered to understand, assert and "
        "claim their rights",
    ),
    (3, "The social norms and attitudes that underpin and perpetuate slavery are rejected"),
]

SUB_OBJECTIVES = [
    (
        "1.1",
        "Drawing on demonstrated learning from Anti-Slavery’s partners and programmes, "
        "national governments and institutions, including law enforcement and judiciary, "
        "have introduced effective anti-slavery measures to address the causes and "
        "consequences of slavery in each country;",
    ),
    (
        "1.2",
        "Businesses have adopted effective approaches towards eliminating forced and child "
        "labour in business operations and supply chains;",
    ),
    (
        "1.3",
        "Slavery and its causes are recognised internationally as a fundamental development issue.",
    ),
    (
        "2.1",
        "People affected by and vulnerable to slavery have improved knowledge and "
        "understanding of the relevant legal framework, their rights, the corresponding "
        "responsibilities of relevant duty bearers, available mechanisms for support and "
        "redress, and the potential hazards of a range of livelihood options;",
    ),
    (
        "2.2",
        "People affected by and vulnerable to slavery have improved capacity and confidence "
        "to assert and claim their rights, participate in or lead collective representation, "
        "seek redress in the case of exploitation and make safer livelihoods choices.",
    ),
    (
        "3.1",
        "Local partner organisations effectively challenge the social norms and attitudes "
        "that underpin and perpetuate slavery in their countries and regions;",
    ),
    (
        "3.2",
        "Slavery eradication is recognised as an issue of political economy, requiring "
        "fundamental reform of trade and migration policy as well as the advancement of "
        "national and international rule of law;",
    ),
    ("3.3", "The international community recognise child and early marriage as a form of slavery;"),
    (
        "3.4",
        "The international community recognise that discrimination, in particular caste "
        "discrimination and gender discrimination, are fundamental causes of slavery.",
    ),
]

TARGET_COUNTRIES = {"MR", "NE", "ML", "SN", "IN", "NP", "LB", "UZ", "TM", "GB"}


def test_it_loads_the_period_and_target(strategy):
    assert (strategy.first_year, strategy.last_year) == (2015, 2020)
    assert strategy.target_country_count == 10
    assert strategy.years == [2015, 2016, 2017, 2018, 2019, 2020]


def test_it_loads_three_objectives_with_their_exact_titles(strategy):
    assert list(strategy.objectives.values_list("number", "title")) == OBJECTIVES


def test_it_loads_nine_sub_objectives_in_order_with_their_exact_texts(strategy):
    sub_objectives = SubObjective.objects.of_strategy(strategy).select_related("objective")
    assert [(s.code, s.text) for s in sub_objectives] == SUB_OBJECTIVES


def test_it_loads_the_ten_target_countries_with_themes(strategy):
    targets = strategy.target_countries.all()
    assert {c.code.code for c in targets} == TARGET_COUNTRIES
    assert Country.objects.get(code="SN").programme_theme == "Forced begging of talibé children"
    assert all(c.programme_theme for c in targets)


def test_loading_twice_changes_nothing(strategy):
    counts = [m.objects.count() for m in (Strategy, Objective, SubObjective, Country)]
    call_command("load_strategy", stdout=io.StringIO())
    assert [m.objects.count() for m in (Strategy, Objective, SubObjective, Country)] == counts
    assert strategy.target_countries.count() == 10


def test_loading_again_keeps_an_admins_edits(strategy):
    SubObjective.objects.filter(objective__number=1, number=2).update(short_title="Edited")
    _, report = load_strategy_again()
    assert report.created == []
    assert SubObjective.objects.get(objective__number=1, number=2).short_title == "Edited"


def load_strategy_again():
    from objectives.strategy_2015_2020 import STRATEGY_2015_2020

    return load_strategy(STRATEGY_2015_2020)


def test_dry_run_writes_nothing(db, capsys):
    call_command("load_strategy", "--dry-run")
    assert "Would add" in capsys.readouterr().out
    assert not Strategy.objects.exists()


def test_a_second_strategy_sits_beside_the_first(strategy):
    later = StrategyFactory(last_year=2026)
    SubObjectiveFactory(objective__strategy=later, objective__number=1, text="Also 1.1")
    assert SubObjective.objects.of_strategy(strategy).count() == 9
    assert SubObjective.objects.of_strategy(later).count() == 1
