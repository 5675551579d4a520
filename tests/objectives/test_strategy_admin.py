"""Admins choose the default strategy on a strategy's page and start the next strategy from
a copy of one: a button (or a list action) and one short form."""

import re

import pytest
from django.urls import reverse

from objectives.models import Strategy, SubObjective
from tests.factories import StrategyFactory, SubObjectiveFactory


def change_url(strategy):
    return reverse("admin:objectives_strategy_change", args=[strategy.pk])


def copy_url(strategy):
    return reverse("admin:objectives_strategy_copy", args=[strategy.pk])


@pytest.fixture
def admin(client_for, superuser):
    return client_for(superuser)


@pytest.fixture
def later(strategy):
    added = StrategyFactory(first_year=2021, last_year=2025)
    SubObjectiveFactory(objective__strategy=added, objective__number=1)
    return added


def strategy_form(strategy, **changes):
    """The admin change form's data for `strategy`, as the page would post it: each text
    in English and in French, side by side."""
    data = {
        "name_en": strategy.name,
        "name_fr": "",
        "slug": strategy.slug,
        "first_year": strategy.first_year,
        "last_year": strategy.last_year,
        "target_country_count": strategy.target_country_count,
        **{
            f"{text}_{lang}": ""
            for text in ("vision", "mission", "priority")
            for lang in ["en", "fr"]
        },
        "open_for_evidence_until": "",
        "target_countries": [c.pk for c in strategy.target_countries.all()] if strategy.pk else [],
        "objectives-TOTAL_FORMS": 0,
        "objectives-INITIAL_FORMS": 0,
        "reporting_periods-TOTAL_FORMS": 0,
        "reporting_periods-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_an_admin_makes_another_strategy_the_default(admin, strategy, later):
    response = admin.post(change_url(later), strategy_form(later, make_default="on"))
    assert response.status_code == 302
    assert list(Strategy.objects.filter(is_default=True)) == [later]


def test_the_default_cannot_be_unticked_only_replaced(admin, strategy, later):
    page = admin.get(change_url(strategy)).content.decode()
    assert re.search(r'<input[^>]*name="make_default"[^>]*disabled', page)
    assert "make another strategy the default" in page
    # A tampered POST unticking it changes nothing.
    response = admin.post(change_url(strategy), strategy_form(strategy))
    assert response.status_code == 302
    assert Strategy.objects.default() == strategy


def test_saving_a_strategy_without_ticking_keeps_the_default(admin, strategy, later):
    admin.post(change_url(later), strategy_form(later, open_for_evidence_until="2027-06-30"))
    later.refresh_from_db()
    assert str(later.open_for_evidence_until) == "2027-06-30"
    assert list(Strategy.objects.filter(is_default=True)) == [strategy]


def test_the_first_strategy_added_in_the_admin_becomes_the_default(admin, db):
    data = strategy_form(StrategyFactory.build())
    response = admin.post(reverse("admin:objectives_strategy_add"), data)
    assert response.status_code == 302
    assert Strategy.objects.get().is_default


def test_the_default_strategy_cannot_be_deleted(admin, strategy, later):
    delete = "admin:objectives_strategy_delete"
    assert admin.get(reverse(delete, args=[strategy.pk])).status_code == 403
    assert admin.get(reverse(delete, args=[later.pk])).status_code == 200
    changelist = admin.get(reverse("admin:objectives_strategy_changelist")).content.decode()
    assert "delete_selected" not in changelist


def test_a_closing_day_before_the_first_year_is_a_form_error(admin, strategy, later):
    response = admin.post(
        change_url(later), strategy_form(later, open_for_evidence_until="2019-12-31")
    )
    assert response.status_code == 200
    assert "first year, 2021" in response.content.decode()


def test_the_strategy_page_has_a_button_to_start_the_next_one_from_a_copy(admin, strategy):
    page = admin.get(change_url(strategy)).content.decode()
    assert f'href="{copy_url(strategy)}"' in page


def test_the_copy_form_proposes_the_next_period_and_starts_the_copy(admin, strategy):
    form = admin.get(copy_url(strategy)).context["form"]
    assert form.initial["name"] == "Strategy 2021–2026"
    response = admin.post(
        copy_url(strategy),
        {"name": "Strategy 2021–2025", "slug": "2021-2025", "first_year": 2021, "last_year": 2025},
    )
    copy = Strategy.objects.get(slug="2021-2025")
    assert response.status_code == 302
    assert response.url == change_url(copy)
    assert SubObjective.objects.of_strategy(copy).count() == 9
    assert copy.target_countries.count() == 10
    assert Strategy.objects.default() == strategy


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "2015-2020"}, "already exists"),
        ({"last_year": 2019}, "must not be after the last year"),
        ({"open_for_evidence_until": "2020-01-01"}, "first year, 2021"),
        ({"name": "Strategy\x00 2021"}, ""),
    ],
    ids=["slug-taken", "backwards", "closes-before-start", "control-character"],
)
def test_a_bad_copy_form_shows_its_errors_and_copies_nothing(admin, strategy, changes, message):
    data = {
        "name": "Strategy 2021–2025",
        "slug": "2021-2025",
        "first_year": 2021,
        "last_year": 2025,
    }
    response = admin.post(copy_url(strategy), {**data, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert message in response.content.decode()
    assert Strategy.objects.count() == 1


def test_the_list_action_opens_the_copy_form_for_one_strategy(admin, strategy, later):
    changelist = reverse("admin:objectives_strategy_changelist")
    action = {"action": "start_next_from_copy", "_selected_action": [strategy.pk]}
    response = admin.post(changelist, action)
    assert response.status_code == 302
    assert response.url == copy_url(strategy)
    both = {**action, "_selected_action": [strategy.pk, later.pk]}
    response = admin.post(changelist, both, follow=True)
    assert "Choose one strategy to copy." in response.content.decode()


def test_only_admins_reach_the_copy_form(client_for, manager, staff, strategy):
    for user in (manager, staff):
        response = client_for(user).get(copy_url(strategy))
        assert response.status_code == 302
        assert "/admin/login/" in response.url
    assert Strategy.objects.count() == 1


def test_copying_a_strategy_that_does_not_exist_is_not_found(admin, strategy):
    assert admin.get(reverse("admin:objectives_strategy_copy", args=[9999])).status_code == 404
