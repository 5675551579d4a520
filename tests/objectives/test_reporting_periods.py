"""Reporting periods are data: a strategy's deadlines, edited in the admin beside it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from objectives.models import ReportingPeriod


def test_a_period_cannot_end_before_it_starts(strategy):
    period = ReportingPeriod(
        strategy=strategy,
        name="Q1",
        starts_on=datetime.date(2020, 3, 31),
        deadline=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError, match="start on or before its deadline"):
        period.full_clean()


def test_periods_due_within_some_days_of_a_day(strategy):
    day = datetime.date(2020, 3, 24)
    for name, deadline in [("past", 23), ("today", 24), ("in a week", 31)]:
        ReportingPeriod.objects.create(
            strategy=strategy,
            name=name,
            starts_on=datetime.date(2020, 1, 1),
            deadline=datetime.date(2020, 3, deadline),
        )
    due = ReportingPeriod.objects.due_within(day, 7).values_list("name", flat=True)
    assert sorted(due) == ["in a week", "today"]
    assert list(ReportingPeriod.objects.due_within(day, 6).values_list("name", flat=True)) == [
        "today"
    ]


def test_an_admin_adds_a_period_on_the_strategy_s_page(client, superuser, strategy):
    client.force_login(superuser)
    url = reverse("admin:objectives_strategy_change", args=[strategy.pk])
    page = client.get(url)
    assert "reporting_periods-TOTAL_FORMS" in page.content.decode()
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "target_countries"
    }
    data["target_countries"] = [c.pk for c in strategy.target_countries.all()]
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for index, inline in enumerate(formset.formset.forms):
            for name in inline.fields:
                value = inline[name].value()
                if value not in (None, "") and not isinstance(value, bool):
                    data[f"{prefix}-{index}-{name}"] = value
                elif value is True:
                    data[f"{prefix}-{index}-{name}"] = "on"
    data.update(
        {
            "reporting_periods-TOTAL_FORMS": "1",
            "reporting_periods-0-name": "2020, 1st quarter",
            "reporting_periods-0-starts_on": "2020-01-01",
            "reporting_periods-0-deadline": "2020-03-31",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    period = ReportingPeriod.objects.get()
    assert (period.strategy, period.deadline) == (strategy, datetime.date(2020, 3, 31))
