"""Two strategies at once, end to end: an admin adds a 2021–2025 strategy while final
reporting on 2015–2020 goes on. Staff still log late evidence under 2015–2020, under the
strategy they choose and no other; pages stay on the default strategy until the admin
changes it, and a switcher on each leads to the other."""

import datetime
import re

import pytest
from django.urls import reverse

from evidence.models import Evidence
from objectives.models import Strategy, SubObjective

from .factories import EvidenceFactory

NEW = reverse("evidence:new")
HOME, LIST, DASHBOARD = reverse("home"), reverse("evidence:list"), reverse("dashboard:index")
NIGER_PAGE = reverse("countries:detail", args=["ne"])


@pytest.fixture
def added(client_for, superuser, strategy):
    """Strategy 2021–2025, added by an admin from a copy of 2015–2020."""
    response = client_for(superuser).post(
        reverse("admin:objectives_strategy_copy", args=[strategy.pk]),
        {"name": "Strategy 2021–2025", "slug": "2021-2025", "first_year": 2021, "last_year": 2025},
    )
    assert response.status_code == 302
    return Strategy.objects.get(slug="2021-2025")


def sub_1_1(strategy):
    return SubObjective.objects.get(objective__strategy=strategy, objective__number=1, number=1)


@pytest.fixture
def change(niger):
    def make(strategy, date, *, chosen=None):
        """A change in Niger against sub-objective 1.1 of `strategy`, filed under `chosen`
        (`strategy` unless said)."""
        return {
            "strategy": str((chosen or strategy).pk),
            "date": date,
            "country": str(niger.pk),
            "sub_objective": str(sub_1_1(strategy).pk),
            "title": f"A change of {date}",
            "description": "What changed and how we know.",
            "level": "national",
            "kind": "policy",
            "rating": "2",
            "source_citation": "Partner report",
            "action": "submit",
        }

    return make


def test_the_form_still_offers_2015_2020_while_it_is_open(client_for, staff, strategy, added):
    form = client_for(staff).get(NEW).context["form"]
    assert set(form.fields["strategy"].queryset) == {strategy, added}
    assert form.chosen_strategy == strategy  # the default, offered first


def test_a_late_change_dated_2019_is_filed_under_2015_2020_when_chosen(
    client_for, staff, strategy, added, change
):
    response = client_for(staff).post(NEW, change(strategy, "2019-03-04"))
    assert response.status_code == 302
    assert Evidence.objects.get().sub_objective.objective.strategy == strategy


def test_a_2020_change_under_2021_2025_is_refused_only_outside_its_period(
    client_for, staff, strategy, added, change
):
    client = client_for(staff)
    refused = client.post(NEW, change(added, "2019-12-31"))
    assert "Strategy 2021–2025 runs from 2021 to 2025" in refused.content.decode()
    assert not Evidence.objects.exists()
    accepted = client.post(NEW, change(added, "2020-06-30"))
    assert accepted.status_code == 302
    assert Evidence.objects.get().sub_objective.objective.strategy == added


def test_a_change_is_never_switched_silently_to_the_other_strategy(
    client_for, staff, strategy, added, change
):
    client = client_for(staff)
    # 2015–2020's sub-objective, 2021–2025 chosen: refused, not moved to either.
    response = client.post(NEW, change(strategy, "2020-06-30", chosen=added))
    assert response.context["form"].errors["sub_objective"]
    # 2021–2025's sub-objective, a date only 2015–2020 takes: refused, not moved.
    response = client.post(NEW, change(added, "2018-06-30"))
    assert response.context["form"].errors["date"]
    assert not Evidence.objects.exists()


def test_pages_stay_on_the_default_strategy_until_the_admin_changes_it(
    client_for, staff, manager, superuser, strategy, added
):
    assert client_for(staff).get(NIGER_PAGE).context["strategy"] == strategy
    assert client_for(manager).get(DASHBOARD).context["strategy"] == strategy
    assert client_for(staff).get(LIST).context["strategy"] == strategy

    change_page = reverse("admin:objectives_strategy_change", args=[added.pk])
    admin = client_for(superuser)
    data = {
        "name_en": added.name,
        "slug": added.slug,
        "first_year": 2021,
        "last_year": 2025,
        "target_country_count": 10,
        "make_default": "on",
        "target_countries": list(added.target_countries.values_list("pk", flat=True)),
        "objectives-TOTAL_FORMS": 0,
        "objectives-INITIAL_FORMS": 0,
        "reporting_periods-TOTAL_FORMS": 0,
        "reporting_periods-INITIAL_FORMS": 0,
    }
    assert admin.post(change_page, data).status_code == 302

    assert client_for(staff).get(NIGER_PAGE).context["strategy"] == added
    assert client_for(manager).get(DASHBOARD).context["strategy"] == added
    assert client_for(staff).get(NEW).context["form"].chosen_strategy == added


@pytest.mark.parametrize(
    ("who", "path"),
    [("staff", HOME), ("staff", NIGER_PAGE), ("staff", LIST), ("manager", DASHBOARD)],
    ids=["home", "country-page", "evidence-list", "dashboard"],
)
def test_the_switcher_shows_both_strategies_the_shown_one_marked(
    request, client_for, strategy, added, who, path
):
    client = client_for(request.getfixturevalue(who))
    html = client.get(path).content.decode()
    switcher = re.search(r'<nav class="strategy-switcher".*?</nav>', html, re.S).group(0)
    assert re.search(
        r'href="\?strategy=2015-2020" aria-current="true">Strategy 2015–2020', switcher
    )
    assert 'href="?strategy=2021-2025">Strategy 2021–2025' in switcher
    assert "default" in switcher and "open for evidence" in switcher
    other = client.get(path, {"strategy": "2021-2025"}).content.decode()
    assert 'href="?strategy=2021-2025" aria-current="true"' in other


def test_home_leads_to_the_pages_of_the_strategy_chosen_on_it(client_for, staff, strategy, added):
    html = client_for(staff).get(HOME, {"strategy": "2021-2025"}).content.decode()
    assert 'href="/countries/ne/?strategy=2021-2025"' in html
    assert f'href="{NEW}?strategy=2021-2025"' in html


def test_the_switcher_is_not_shown_while_there_is_one_strategy(client_for, staff, strategy):
    assert "strategy-switcher" not in client_for(staff).get(NIGER_PAGE).content.decode()


def test_a_closed_strategy_is_marked_in_the_switcher_and_left_out_of_the_form(
    client_for, staff, strategy, added
):
    strategy.open_for_evidence_until = datetime.date(2021, 12, 31)
    strategy.save()
    client = client_for(staff)
    assert "closed for evidence" in client.get(HOME).content.decode()
    form = client.get(NEW).context["form"]
    assert "strategy" not in form.fields and form.chosen_strategy == added


def test_the_evidence_list_shows_the_chosen_strategys_evidence(
    client_for, manager, strategy, added
):
    old = EvidenceFactory(sub_objective=sub_1_1(strategy), date=datetime.date(2019, 1, 1))
    new = EvidenceFactory(sub_objective=sub_1_1(added), date=datetime.date(2021, 1, 1))
    client = client_for(manager)
    assert list(client.get(LIST).context["page"]) == [old]
    assert list(client.get(LIST, {"strategy": "2021-2025"}).context["page"]) == [new]


def test_other_strategies_reveal_nothing_hidden_to_staff_of_another_country(
    client_for, other_staff, staff, strategy, added
):
    secret = EvidenceFactory(
        sub_objective=sub_1_1(added),
        date=datetime.date(2021, 1, 1),
        confidential=True,
        title="Survivor's testimony",
    )
    client = client_for(other_staff)
    for path in (LIST, NIGER_PAGE):
        html = client.get(path, {"strategy": "2021-2025"}).content.decode()
        assert secret.title not in html.replace("&#x27;", "'")
    assert "Survivor's testimony" in client_for(staff).get(
        LIST, {"strategy": "2021-2025"}
    ).content.decode().replace("&#x27;", "'")


def test_no_role_no_switcher_and_no_strategy_pages(client_for, outsider, strategy, added):
    client = client_for(outsider)
    assert "strategy-switcher" not in client.get(HOME).content.decode()
    for path in (LIST, NIGER_PAGE, DASHBOARD):
        assert client.get(path, {"strategy": "2021-2025"}).status_code == 403


@pytest.mark.parametrize("slug", ["nope", "2015-2020\x00", "../admin", "é"])
def test_a_strategy_that_does_not_exist_is_not_found(client_for, staff, added, slug):
    client = client_for(staff)
    for path in (HOME, NIGER_PAGE, LIST, NEW):
        assert client.get(path, {"strategy": slug}).status_code == 404
