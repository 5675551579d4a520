"""The dashboard page: who may read it, the as-of date, the strategy, the matrix links."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.models import Evidence

from ..factories import EvidenceFactory, StrategyFactory

URL = reverse("dashboard:index")
Rating, Status = Evidence.Rating, Evidence.Status


@pytest.fixture
def sub_1_1(strategy):
    return strategy.objectives.get(number=1).sub_objectives.get(number=1)


def test_outsiders_are_refused(client_for, outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_country_staff_are_refused(client_for, staff):
    assert client_for(staff).get(URL).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, strategy):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("user", ["manager", "superuser"])
def test_managers_and_admins_read_the_dashboard(client_for, request, strategy, user):
    response = client_for(request.getfixturevalue(user)).get(URL)
    assert response.status_code == 200
    assert response.context["dashboard"].strategy == strategy


def test_the_nav_links_to_the_dashboard_for_managers_only(client_for, manager, staff):
    assert URL in client_for(manager).get(reverse("home")).content.decode()
    assert URL not in client_for(staff).get(reverse("home")).content.decode()


def test_the_headline_names_the_countries_with_significant_change(
    client_for, manager, niger, sub_1_1
):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT)
    response = client_for(manager).get(URL, {"as_of": "2020-12-31"})
    html = response.content.decode()
    assert "1 of 10" in html
    assert response.context["significant"] == [(niger, datetime.date(2017, 6, 1))]


def test_the_as_of_date_defaults_to_today_clamped_to_the_strategys_last_day(
    client_for, manager, strategy
):
    response = client_for(manager).get(URL)
    expected = min(timezone.localdate(), datetime.date(strategy.last_year, 12, 31))
    assert response.context["as_of"] == expected


def test_the_as_of_date_counts_only_evidence_dated_on_or_before_it(
    client_for, manager, niger, sub_1_1
):
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.SIGNIFICANT,
        date=datetime.date(2018, 3, 1),
    )
    client = client_for(manager)
    before = client.get(URL, {"as_of": "2017-12-31"})
    after = client.get(URL, {"as_of": "2018-12-31"})
    assert before.context["dashboard"].headline == 0
    assert "0 of 10" in before.content.decode()
    assert after.context["dashboard"].headline == 1
    assert after.context["dashboard"].status(niger, sub_1_1) == Rating.SIGNIFICANT


def test_year_end_buttons_select_each_year_end(client_for, manager, strategy):
    html = client_for(manager).get(URL, {"as_of": "2017-12-31"}).content.decode()
    for year in strategy.years:
        assert f"as_of={year}-12-31" in html
    assert re.search(r'as_of=2017-12-31"\s+aria-current="page"', html)


@pytest.mark.parametrize("value", ["not-a-date", "2019-02-30", "99999-01-01"])
def test_a_bad_as_of_date_shows_a_message_and_the_default_date(
    client_for, manager, strategy, value
):
    response = client_for(manager).get(URL, {"as_of": value})
    assert response.status_code == 200
    assert response.context["form"].errors["as_of"]
    assert response.context["as_of"] == min(
        timezone.localdate(), datetime.date(strategy.last_year, 12, 31)
    )
    html = response.content.decode()
    assert "That is not a date" in html
    assert f'value="{value}"' in html  # the input is kept


def test_another_strategy_is_chosen_by_its_slug(client_for, manager, strategy):
    later = StrategyFactory(first_year=2021, last_year=2025, target_country_count=12)
    response = client_for(manager).get(URL, {"strategy": later.slug})
    assert response.context["dashboard"].strategy == later
    assert "0 of 12" in response.content.decode()


def test_an_unknown_strategy_is_not_found(client_for, manager, strategy):
    assert client_for(manager).get(URL, {"strategy": "nope"}).status_code == 404


def test_each_matrix_cell_links_to_the_verified_evidence_behind_it(
    client_for, manager, niger, sub_1_1
):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.EARLY_SIGNS)
    response = client_for(manager).get(URL, {"as_of": "2019-12-31"})
    links = re.findall(r'<td class="cell [^"]+"><a href="([^"]+)"', response.content.decode())
    assert len(links) == 10 * 9
    queries = [parse_qs(urlsplit(link.replace("&amp;", "&")).query) for link in links]
    assert {urlsplit(link).path for link in links} == {reverse("evidence:list")}
    assert {
        "strategy": ["2015-2020"],
        "country": [str(niger.pk)],
        "sub_objective": [str(sub_1_1.pk)],
        "status": ["verified"],
        "date_to": ["2019-12-31"],
    } in queries


def test_cells_show_their_status_as_a_symbol_and_text_not_colour_alone(
    client_for, manager, niger, sub_1_1
):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.SOME_PROGRESS)
    html = client_for(manager).get(URL).content.decode()
    assert '<td class="cell rating-2"><a href="' in html
    assert '◑</span><span class="visually-hidden">1.1: Some progress</span>' in html
    assert "No evidence yet" in html  # legend and empty cells


def test_the_queue_is_shown_apart_and_not_counted(client_for, manager, niger, sub_1_1):
    EvidenceFactory(
        country=niger, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT, status=Status.SUBMITTED
    )
    response = client_for(manager).get(URL)
    assert response.context["dashboard"].awaiting_verification == 1
    assert response.context["dashboard"].headline == 0
    assert response.context["coverage_percent"] == 0


def test_the_page_has_no_inline_style_or_script(client_for, manager, niger, sub_1_1):
    EvidenceFactory(country=niger, sub_objective=sub_1_1)
    html = client_for(manager).get(URL).content.decode()
    assert "style=" not in html
    assert "<script" not in html
    assert "<svg" in html


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client_for, manager, niger, mali, sub_1_1, strategy, django_assert_max_num_queries
):
    client = client_for(manager)
    client.get(URL)  # the session and roles are set up by a first request
    # One of them lists the reader's spreadsheets prepared in the background.
    with django_assert_max_num_queries(11) as little_queries:
        little = client.get(URL)
    assert little.status_code == 200
    subs = list(strategy.objectives.get(number=3).sub_objectives.all())
    for i in range(60):
        EvidenceFactory(
            country=mali if i % 2 else niger,
            sub_objective=subs[i % len(subs)] if i % 3 else sub_1_1,
            rating=i % 4,
            date=datetime.date(2015 + i % 6, 1 + i % 12, 1),
            status=[Status.VERIFIED, Status.SUBMITTED, Status.DRAFT][i % 3],
            confidential=i % 5 == 0,
        )
    with django_assert_max_num_queries(11) as more_queries:
        more = client.get(URL)
    assert more.context["dashboard"].verified_count == 20
    assert len(more_queries) == len(little_queries)


def test_chart_geometry_is_not_localised_for_french_readers(client_for, manager, niger, sub_1_1):
    """A French decimal comma in an SVG attribute would break the charts."""
    EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.EARLY_SIGNS)
    manager.language = "fr"
    manager.save()
    client = client_for(manager)
    client.cookies["django_language"] = "fr"
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr"' in html
    assert re.search(r'width="\d+\.\d+"', html)
    assert not re.search(r'(x|y|width|height)="-?\d+,\d', html)
