"""The headline explained: the matrix marks the cells that count, the country drill-down
names the item that made the country count, and one page answers "how many countries,
since when, on what evidence?"."""

import datetime

import pytest
from django.urls import reverse

from evidence.models import Evidence

from ..factories import EvidenceFactory

Rating, Kind, Level = Evidence.Rating, Evidence.Kind, Evidence.Level
URL = reverse("dashboard:headline")
AS_OF = {"as_of": "2020-12-31"}


@pytest.fixture
def sub_1_1(strategy):
    return strategy.objectives.get(number=1).sub_objectives.get(number=1)


@pytest.fixture
def counted(niger, sub_1_1):
    return EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.SIGNIFICANT,
        kind=Kind.POLICY,
        date=datetime.date(2018, 2, 14),
        title="Anti-slavery policy adopted",
    )


@pytest.fixture
def rated_only(mali, sub_1_1):
    return EvidenceFactory(
        country=mali, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT, level=Level.LOCAL
    )


def test_the_matrix_marks_qualifying_cells_apart_from_significant_change_alone(
    client_for, manager, counted, rated_only
):
    response = client_for(manager).get(reverse("dashboard:index"), AS_OF)
    cells = {
        row["name"]: [cell["qualifies"] for cell in row["cells"]]
        for row in response.context["matrix"]
    }
    assert cells["Niger"][0] is True
    assert cells["Mali"][0] is False
    html = response.content.decode()
    assert html.count('class="cell rating-3 qualifies"') == 1
    assert "Counts towards the headline: significant change at national level" in html
    assert "1.1: Significant change</span>" in html  # Mali's cell: status, no mark


def test_the_country_drill_down_says_since_when_and_because_of_which_item(
    client_for, manager, niger, counted
):
    url = reverse("dashboard:country", args=["ne"])
    html = client_for(manager).get(url, AS_OF).content.decode()
    assert "Counts towards the headline since 14 Feb 2018, because of:" in html
    assert counted.get_absolute_url() in html
    assert "Made the country count towards the headline on 14 Feb 2018." in html


def test_readers_who_may_not_see_the_item_read_only_its_number(
    client_for, other_staff, niger, counted
):
    counted.confidential = True
    counted.save()
    html = client_for(other_staff).get(reverse("dashboard:country", args=["ne"]), AS_OF)
    html = html.content.decode()
    assert f"confidential item #{counted.pk}" in html
    assert "Anti-slavery policy adopted" not in html


def test_the_headline_page_lists_every_country_with_since_and_evidence(
    client_for, manager, counted, rated_only
):
    response = client_for(manager).get(URL, AS_OF)
    assert response.status_code == 200
    rows = {str(row["count"].country): row for row in response.context["rows"]}
    assert len(rows) == 10
    assert rows["Niger"]["count"].since == datetime.date(2018, 2, 14)
    assert rows["Niger"]["count"].first_item == counted
    assert rows["Mali"]["not_qualifying"] == 1
    assert response.context["headline"] == 1
    html = response.content.decode()
    assert "Anti-slavery policy adopted" in html
    assert "1 of 10" in html


def test_the_headline_page_before_the_change_shows_no_country(client_for, manager, counted):
    response = client_for(manager).get(URL, {"as_of": "2018-02-13"})
    assert response.context["headline"] == 0


@pytest.mark.parametrize("user", ["other_staff", "outsider"])
def test_staff_and_users_without_a_role_are_refused_the_headline_page(
    client_for, request, counted, user
):
    response = client_for(request.getfixturevalue(user)).get(URL, AS_OF)
    assert response.status_code == 403
    assert b"Anti-slavery policy" not in response.content


def test_a_date_that_is_not_one_falls_back_with_a_message(client_for, manager, counted):
    response = client_for(manager).get(URL, {"as_of": "=1+1"})
    assert response.status_code == 200
    assert "That is not a date" in response.content.decode()


def test_the_headline_page_makes_the_same_queries_however_much_evidence(
    client_for, manager, niger, sub_1_1, counted, django_assert_max_num_queries
):
    client = client_for(manager)
    with django_assert_max_num_queries(20) as few:
        client.get(URL, AS_OF)
    EvidenceFactory.create_batch(
        20, country=niger, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT
    )
    with django_assert_max_num_queries(20) as many:
        client.get(URL, AS_OF)
    assert len(many) == len(few)


def test_the_country_page_marks_verified_items_that_count_and_no_others(
    client_for, staff, niger, sub_1_1, counted
):
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.SIGNIFICANT,
        status=Evidence.Status.SUBMITTED,
        title="Waiting law",
    )
    html = client_for(staff).get(reverse("countries:detail", args=["ne"])).content.decode()
    assert html.count("Counts towards the headline.") == 1
