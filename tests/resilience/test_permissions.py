"""Who may see and record what: 404 when the user may not see, 403 when they may see but
not act. Outsiders (signed in, no role) are refused everywhere on the server."""

import pytest
from django.urls import reverse

from core.roles import COUNTRY_STAFF
from resilience.models import Place, Review
from tests.factories import UserFactory

from .conftest import DAY

LIST_PAGES = [
    ("resilience:index", []),
    ("resilience:compare", []),
    ("resilience:compare_export", ["csv"]),
    ("resilience:compare_export", ["xlsx"]),
    ("resilience:resources", []),
    ("resilience:place_new", []),
]


def _place_pages(place, review):
    return [
        reverse("resilience:place", args=[place.pk]),
        reverse("resilience:review_new", args=[place.pk]),
        reverse("resilience:place_export", args=[place.pk, "csv"]),
        reverse("resilience:review", args=[review.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, tahoua, make_review):
    review = make_review(tahoua, DAY, [1, 2])
    urls = [reverse(name, args=args) for name, args in LIST_PAGES]
    for url in urls + _place_pages(tahoua, review):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize(("name", "args"), LIST_PAGES)
def test_outsiders_are_refused_the_resilience_pages(client_for, outsider, starter, name, args):
    assert client_for(outsider).get(reverse(name, args=args)).status_code == 403


def test_outsiders_are_refused_topic_areas_and_resource_files(client_for, outsider, topic_areas):
    client = client_for(outsider)
    assert client.get(reverse("resilience:topic_area", args=[topic_areas[0].pk])).status_code == 403
    assert client.get(reverse("resilience:resource_file", args=[1])).status_code == 403


def test_outsiders_cannot_see_any_place_or_review(client_for, outsider, tahoua, make_review):
    review = make_review(tahoua, DAY, [1, 2])
    client = client_for(outsider)
    for url in _place_pages(tahoua, review):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("resilience:review_new", args=[tahoua.pk])).status_code == 404


def test_staff_of_other_countries_see_a_place_but_cannot_record_its_reviews(
    client_for, other_staff, tahoua, review_data
):
    client = client_for(other_staff)
    assert client.get(reverse("resilience:place", args=[tahoua.pk])).status_code == 200
    url = reverse("resilience:review_new", args=[tahoua.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, review_data()).status_code == 403
    assert not Review.objects.exists()


def test_staff_cannot_add_places_in_a_country_they_are_not_assigned_to(
    client_for, other_staff, niger
):
    client = client_for(other_staff)
    url = reverse("resilience:place_new")
    assert client.get(url, {"country": niger.pk}).status_code == 403


def test_staff_without_countries_cannot_add_places(client_for, strategy):
    unassigned = UserFactory(groups=[COUNTRY_STAFF])
    assert client_for(unassigned).get(reverse("resilience:place_new")).status_code == 403


def test_the_place_page_offers_recording_only_to_those_who_may(
    client_for, staff, other_staff, manager, tahoua
):
    record = reverse("resilience:review_new", args=[tahoua.pk])
    page = reverse("resilience:place", args=[tahoua.pk])
    assert record in client_for(staff).get(page).content.decode()
    assert record in client_for(manager).get(page).content.decode()
    assert record not in client_for(other_staff).get(page).content.decode()


def test_managers_record_reviews_and_add_places_in_any_country(
    client_for, manager, tahoua, india, review_data
):
    client = client_for(manager)
    response = client.post(reverse("resilience:review_new", args=[tahoua.pk]), review_data())
    assert response.status_code == 302
    assert Review.objects.get().recorded_by == manager
    response = client.post(
        reverse("resilience:place_new"),
        {"country": india.pk, "name": "Bhadohi", "kind": "town", "description": ""},
    )
    assert response.status_code == 302
    assert Place.objects.filter(country=india, name="Bhadohi").exists()


def test_the_navigation_shows_resilience_only_to_those_with_a_role(
    client_for, staff, manager, outsider, starter
):
    link = reverse("resilience:index")
    assert link in client_for(staff).get(reverse("home")).content.decode()
    assert link in client_for(manager).get(reverse("home")).content.decode()
    assert link not in client_for(outsider).get(reverse("home")).content.decode()
