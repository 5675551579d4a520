"""Logging evidence while several strategies are open: the author chooses the strategy, the
sub-objectives and dates follow the choice (with and without scripts), and nothing is ever
filed under a strategy the author did not choose."""

import datetime
import re

import pytest
from django.urls import reverse

from evidence.models import Evidence
from objectives import services
from objectives.models import SubObjective

from .conftest import upload

NEW = reverse("evidence:new")


@pytest.fixture
def later(strategy):
    """Strategy 2021–2025, started from a copy of 2015–2020; 2015–2020 stays the default."""
    return services.copy_strategy(
        source=strategy,
        name="Strategy 2021–2025",
        slug="2021-2025",
        first_year=2021,
        last_year=2025,
    )


def sub(strategy, code="1.1"):
    objective, number = code.split(".")
    return SubObjective.objects.get(
        objective__strategy=strategy, objective__number=objective, number=number
    )


def filed(strategy, **fields):
    """POST data filing a change under `strategy` (sub-objective 1.1 of it)."""
    return {"strategy": str(strategy.pk), "sub_objective": str(sub(strategy).pk), **fields}


def test_the_form_offers_every_open_strategy_the_default_first_chosen(
    client_for, staff, strategy, later
):
    form = client_for(staff).get(NEW).context["form"]
    assert list(form.fields["strategy"].queryset) == [later, strategy]
    assert form.chosen_strategy == strategy
    assert set(form.fields["sub_objective"].queryset) == set(
        SubObjective.objects.of_strategy(strategy)
    )


def test_a_link_naming_a_strategy_chooses_it(client_for, staff, strategy, later):
    response = client_for(staff).get(NEW, {"strategy": later.slug})
    form = response.context["form"]
    assert form.chosen_strategy == later
    assert set(form.fields["sub_objective"].queryset) == set(
        SubObjective.objects.of_strategy(later)
    )
    html = response.content.decode()
    assert 'min="2020-01-01"' in html
    assert "for Strategy 2021–2025" in html


def test_the_page_holds_each_strategys_sub_objectives_and_dates_for_its_script(
    client_for, staff, strategy, later
):
    html = client_for(staff).get(NEW).content.decode()
    assert re.search(r'<script src="/static/js/strategy-choice\.js" defer></script>', html)
    for each, first_day in ((strategy, "2014-01-01"), (later, "2020-01-01")):
        template = re.search(
            rf'<template data-strategy="{each.pk}" data-date-min="{first_day}"[^>]*>'
            r"(.*?)</template>",
            html,
            re.S,
        )
        assert template, each
        assert f'<option value="{sub(each).pk}">1.1 ' in template.group(1)
        assert template.group(1).count("<option") == 10  # nine and "choose"


def test_a_late_change_is_filed_under_the_strategy_chosen(
    client_for, staff, strategy, later, evidence_data
):
    response = client_for(staff).post(NEW, evidence_data(**filed(strategy, date="2019-05-02")))
    assert response.status_code == 302
    assert Evidence.objects.get().sub_objective.objective.strategy == strategy


def test_a_change_dated_just_before_the_new_strategy_is_filed_under_it_when_chosen(
    client_for, staff, strategy, later, evidence_data
):
    response = client_for(staff).post(NEW, evidence_data(**filed(later, date="2020-11-02")))
    assert response.status_code == 302
    assert Evidence.objects.get().sub_objective.objective.strategy == later


def test_a_date_outside_the_chosen_strategy_is_refused_naming_it_never_moved(
    client_for, staff, strategy, later, evidence_data
):
    response = client_for(staff).post(NEW, evidence_data(**filed(later, date="2019-05-02")))
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["date"])
    assert "Strategy 2021–2025 runs from 2021 to 2025" in error
    assert not Evidence.objects.exists()


def test_the_date_is_checked_against_the_chosen_strategy_before_a_sub_objective_is(
    client_for, staff, strategy, later, evidence_data
):
    data = evidence_data(**{**filed(later, date="2019-05-02"), "sub_objective": ""})
    errors = client_for(staff).post(NEW, data).context["form"].errors
    assert "Strategy 2021–2025 runs from" in " ".join(errors["date"])
    assert "sub_objective" in errors


def test_a_sub_objective_of_another_strategy_than_the_chosen_one_is_a_field_error(
    client_for, staff, strategy, later, evidence_data
):
    data = evidence_data(
        **{**filed(later, date="2020-11-02"), "sub_objective": str(sub(strategy).pk)}
    )
    response = client_for(staff).post(NEW, data)
    errors = response.context["form"].errors
    assert errors["sub_objective"] == ["Choose one of the sub-objectives of Strategy 2021–2025."]
    assert not Evidence.objects.exists()


def test_without_a_chosen_strategy_nothing_is_filed(
    client_for, staff, strategy, later, evidence_data
):
    response = client_for(staff).post(NEW, evidence_data())  # no strategy field
    errors = response.context["form"].errors
    assert errors["strategy"] == ["Choose the strategy this change counts towards."]
    assert "sub_objective" in errors
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("value", ["closed", "abc", "-1", "99999999999999999999", "\x00"])
def test_a_tampered_or_closed_strategy_is_refused(
    client_for, staff, strategy, later, evidence_data, value
):
    if value == "closed":
        later.open_for_evidence_until = datetime.date(2021, 1, 31)
        later.save()
        # Two strategies open again, so the form asks which.
        services.copy_strategy(
            source=strategy, name="Next", slug="next", first_year=2022, last_year=2026
        )
        value = str(later.pk)
    data = evidence_data(**{**filed(strategy, date="2019-05-02"), "strategy": value})
    response = client_for(staff).post(NEW, data)
    assert response.status_code == 200
    assert "strategy" in response.context["form"].errors
    assert not Evidence.objects.exists()


def test_with_one_strategy_open_it_is_implied_and_shown(client_for, staff, strategy, later):
    strategy.open_for_evidence_until = datetime.date(2021, 12, 31)
    strategy.save()
    response = client_for(staff).get(NEW)
    form = response.context["form"]
    assert "strategy" not in form.fields
    assert form.chosen_strategy == later
    html = response.content.decode()
    assert "Strategy 2021–2025" in html
    assert "strategy-choice.js" not in html


def test_with_no_strategy_open_the_form_says_so_and_files_nothing(
    client_for, staff, strategy, evidence_data
):
    strategy.open_for_evidence_until = datetime.date(2021, 12, 31)
    strategy.save()
    client = client_for(staff)
    assert "No strategy is open for evidence" in client.get(NEW).content.decode()
    response = client.post(NEW, evidence_data())
    assert response.status_code == 200
    assert "sub_objective" in response.context["form"].errors
    assert not Evidence.objects.exists()


def test_without_scripts_the_button_shows_the_chosen_strategy_with_the_input_kept(
    client_for, staff, strategy, later, evidence_data
):
    data = evidence_data(
        strategy=str(later.pk),
        sub_objective=str(sub(strategy).pk),
        date="2020-11-02",
        confidential="on",
        action="strategy",
    )
    response = client_for(staff).post(NEW, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.chosen_strategy == later
    assert not form.is_bound and not form.errors  # shown again, not judged
    assert not Evidence.objects.exists()
    html = response.content.decode()
    assert f'<option value="{later.pk}" selected>' in html
    assert 'value="Prosecutors open cases under the penal code"' in html
    assert 'value="2020-11-02"' in html
    assert re.search(r'name="confidential"[^>]*checked', html)
    assert "Three cases opened in Tahoua" in html
    # The sub-objective typed under the other strategy is not offered any more.
    assert f'<option value="{sub(strategy).pk}" selected' not in html
    assert "The dates and sub-objectives of Strategy 2021–2025 are shown" in html


def test_the_button_says_a_file_must_be_chosen_again(
    client_for, staff, strategy, later, evidence_data
):
    data = {**evidence_data(strategy=str(later.pk), action="strategy"), "attachment": upload()}
    response = client_for(staff).post(NEW, data)
    assert "Your file was not kept: choose it again" in response.content.decode()
    assert not Evidence.objects.exists()


def test_editing_an_item_keeps_its_strategy(client_for, staff, strategy, later, evidence_data):
    client = client_for(staff)
    client.post(NEW, evidence_data(**filed(strategy, date="2019-05-02")))
    item = Evidence.objects.get()
    edit = reverse("evidence:edit", args=[item.pk])
    form = client.get(edit).context["form"]
    assert "strategy" not in form.fields
    assert form.chosen_strategy == strategy
    # Another strategy's sub-objective, or another strategy posted, changes nothing.
    data = evidence_data(
        **filed(later, date="2020-11-02"), version=str(item.version), action="draft"
    )
    response = client.post(edit, data)
    assert response.context["form"].errors["sub_objective"] == [
        "Choose one of the sub-objectives of Strategy 2015–2020."
    ]
    item.refresh_from_db()
    assert item.sub_objective == sub(strategy)
