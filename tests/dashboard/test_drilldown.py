"""Drill-down pages: a country's sub-objectives and a sub-objective's countries over time,
with the verified evidence behind them as far as the reader may see it."""

import datetime

import pytest
from django.urls import reverse

from evidence.models import Evidence
from resilience.models import Resource

from ..factories import EvidenceFactory

Rating, Status = Evidence.Rating, Evidence.Status


@pytest.fixture
def sub_1_1(strategy):
    return strategy.objectives.get(number=1).sub_objectives.get(number=1)


def country_url(country):
    return reverse("dashboard:country", args=[country.code.code.lower()])


def sub_url(sub):
    return reverse("dashboard:sub_objective", args=[sub.pk])


def test_sub_objectives_link_to_their_drill_down(sub_1_1):
    assert sub_1_1.get_absolute_url() == sub_url(sub_1_1)


@pytest.mark.parametrize("page", ["country", "sub_objective"])
def test_outsiders_are_refused_the_drill_downs(client_for, outsider, niger, sub_1_1, page):
    url = country_url(niger) if page == "country" else sub_url(sub_1_1)
    assert client_for(outsider).get(url).status_code == 403


@pytest.mark.parametrize("user", ["staff", "other_staff", "manager"])
@pytest.mark.parametrize("page", ["country", "sub_objective"])
def test_anyone_with_a_role_reads_the_drill_downs(client_for, request, niger, sub_1_1, user, page):
    url = country_url(niger) if page == "country" else sub_url(sub_1_1)
    assert client_for(request.getfixturevalue(user)).get(url).status_code == 200


def test_unknown_countries_and_sub_objectives_are_not_found(client_for, manager, strategy):
    client = client_for(manager)
    assert client.get(reverse("dashboard:country", args=["zz"])).status_code == 404
    assert client.get(reverse("dashboard:sub_objective", args=[99999])).status_code == 404


def test_the_country_page_shows_each_sub_objectives_status_at_each_year_end(
    client_for, manager, niger, sub_1_1, strategy
):
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.EARLY_SIGNS,
        date=datetime.date(2016, 5, 1),
    )
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.SIGNIFICANT,
        date=datetime.date(2019, 5, 1),
    )
    response = client_for(manager).get(country_url(niger))
    rows = dict(response.context["rows"])
    assert [status.status for status in rows[sub_1_1]] == [None, 1, 1, 1, 3, 3]
    assert len(rows) == 9
    assert response.context["significant_since"] == datetime.date(2019, 5, 1)


def test_the_sub_objective_page_shows_each_countrys_status_at_each_year_end(
    client_for, manager, niger, mali, sub_1_1
):
    EvidenceFactory(
        country=mali, sub_objective=sub_1_1, rating=Rating.NO_CHANGE, date=datetime.date(2015, 2, 1)
    )
    EvidenceFactory(
        country=mali,
        sub_objective=sub_1_1,
        rating=Rating.SOME_PROGRESS,
        date=datetime.date(2017, 2, 1),
        status=Status.SUBMITTED,
    )
    response = client_for(manager).get(sub_url(sub_1_1))
    rows = dict(response.context["rows"])
    assert len(rows) == 10
    assert [status.status for status in rows[mali]] == [0] * 6
    assert [status.status for status in rows[niger]] == [None] * 6


def test_drill_downs_list_only_verified_evidence_the_reader_may_see(
    client_for, staff, other_staff, india, niger, sub_1_1
):
    mine = EvidenceFactory(country=niger, sub_objective=sub_1_1, title="Niger public")
    secret = EvidenceFactory(
        country=india, sub_objective=sub_1_1, title="India confidential", confidential=True
    )
    public = EvidenceFactory(country=india, sub_objective=sub_1_1, title="India public")
    EvidenceFactory(country=india, sub_objective=sub_1_1, title="India draft", status=Status.DRAFT)
    staff_page = client_for(staff).get(sub_url(sub_1_1))
    assert set(staff_page.context["page"].object_list) == {mine, public}
    html = staff_page.content.decode()
    assert "India confidential" not in html and "India draft" not in html
    india_page = client_for(other_staff).get(sub_url(sub_1_1))
    assert set(india_page.context["page"].object_list) == {mine, secret, public}
    # The cell status counts the confidential item without showing it.
    staff_country = client_for(staff).get(country_url(india))
    assert "India confidential" not in staff_country.content.decode()


@pytest.mark.parametrize("page", ["country", "sub_objective"])
def test_drill_downs_make_no_query_per_evidence_item(
    client_for, manager, niger, sub_1_1, page, django_assert_max_num_queries
):
    url = country_url(niger) if page == "country" else sub_url(sub_1_1)
    client = client_for(manager)
    EvidenceFactory(country=niger, sub_objective=sub_1_1)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    EvidenceFactory.create_batch(20, country=niger, sub_objective=sub_1_1)
    with django_assert_max_num_queries(12) as many:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 21
    assert len(many) == len(few)


def test_the_sub_objective_page_lists_its_guidance_resources(client_for, manager, sub_1_1):
    resource = Resource.objects.create(title="Due diligence handbook", summary="How to.")
    resource.sub_objectives.add(sub_1_1)
    html = client_for(manager).get(sub_url(sub_1_1)).content.decode()
    assert "Due diligence handbook" in html
