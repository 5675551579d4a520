import pytest
from django.urls import reverse

from evidence.models import Evidence
from objectives.models import SubObjective
from tests.factories import EvidenceFactory

Status, Rating = Evidence.Status, Evidence.Rating


@pytest.fixture
def niger_url(niger):
    return reverse("countries:detail", args=["ne"])


def _row(response, code):
    for group in response.context["objectives"]:
        for row in group["rows"]:
            if row["sub_objective"].code == code:
                return row
    raise LookupError(code)


def test_the_country_page_shows_theme_and_every_objective(client_for, staff, niger, niger_url):
    niger.programme_theme = "descent-based slavery; community schools"
    niger.save()
    response = client_for(staff).get(niger_url)
    html = response.content.decode()
    assert "descent-based slavery; community schools" in html
    assert len(response.context["objectives"]) == 3
    assert sum(len(g["rows"]) for g in response.context["objectives"]) == 9
    assert html.count("No evidence yet") >= 9


def test_the_status_is_the_highest_verified_rating_with_text(client_for, manager, staff, niger_url):
    EvidenceFactory(author=staff, rating=Rating.EARLY_SIGNS, date="2016-01-01")
    EvidenceFactory(author=staff, rating=Rating.SOME_PROGRESS, date="2017-01-01")
    EvidenceFactory(author=staff, rating=Rating.SIGNIFICANT, status=Status.SUBMITTED)
    response = client_for(manager).get(niger_url)
    row = _row(response, "1.1")
    assert row["status"] == Rating.SOME_PROGRESS
    assert row["status_label"] == "Some progress"
    dates = [e.date.isoformat() for e in row["evidence"]]
    assert dates == ["2017-06-01", "2017-01-01", "2016-01-01"]
    assert "◑" in response.content.decode()


def test_the_page_lists_only_evidence_the_reader_may_see(client_for, staff, other_staff, india):
    EvidenceFactory(author=other_staff, country=india, title="Visible")
    EvidenceFactory(author=other_staff, country=india, title="Secret", confidential=True)
    EvidenceFactory(author=other_staff, country=india, title="Unfinished", status=Status.DRAFT)
    response = client_for(staff).get(reverse("countries:detail", args=["in"]))
    titles = {e.title for e in _row(response, "1.1")["evidence"]}
    assert titles == {"Visible"}
    assert not _row(response, "1.1")["more"]


def test_managers_see_confidential_evidence_but_not_others_drafts(
    client_for, manager, other_staff, india
):
    EvidenceFactory(author=other_staff, country=india, title="Secret", confidential=True)
    EvidenceFactory(author=other_staff, country=india, title="Unfinished", status=Status.DRAFT)
    response = client_for(manager).get(reverse("countries:detail", args=["in"]))
    assert {e.title for e in _row(response, "1.1")["evidence"]} == {"Secret"}
    assert "Unfinished" not in response.content.decode()


def test_assigned_staff_get_a_link_to_log_evidence_for_the_country(
    client_for, staff, other_staff, niger_url
):
    link = reverse("evidence:new") + "?country=ne"
    assert link in client_for(staff).get(niger_url).content.decode()
    assert link not in client_for(other_staff).get(niger_url).content.decode()


def test_only_the_latest_items_are_listed_with_a_link_to_all(client_for, manager, staff, niger_url):
    EvidenceFactory.create_batch(7, author=staff)
    response = client_for(manager).get(niger_url)
    row = _row(response, "1.1")
    assert len(row["evidence"]) == 5 and row["more"]
    assert "See all the evidence of 1.1" in response.content.decode()


def test_the_query_count_does_not_grow_with_evidence(
    client_for, staff, strategy, django_assert_num_queries, niger_url
):
    client = client_for(staff)
    subs = list(SubObjective.objects.of_strategy(strategy))
    EvidenceFactory(author=staff, sub_objective=subs[0])
    # Session, user, groups, assignments, country, current strategy (two queries once it
    # has ended), sub-objectives, cell statuses, the latest evidence of each of the nine
    # sub-objectives and the country's places.
    with django_assert_num_queries(19):
        client.get(niger_url)
    for sub in subs:
        EvidenceFactory.create_batch(7, author=staff, sub_objective=sub)
    with django_assert_num_queries(19):
        client.get(niger_url)


def test_outsiders_are_refused_the_country_page(client_for, outsider, niger_url):
    assert client_for(outsider).get(niger_url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, niger_url):
    response = client.get(niger_url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("code", ["zz", "niger", "x" * 300])
def test_unknown_countries_are_not_found(client_for, staff, code):
    assert client_for(staff).get(reverse("countries:detail", args=[code])).status_code == 404


def test_the_page_shows_the_places_reviewed_for_resilience(client_for, staff, niger_url):
    assert "Places reviewed for resilience" in client_for(staff).get(niger_url).content.decode()
