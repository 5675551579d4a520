"""Every endpoint, as every role, against the page that shows the same thing.

A token reads exactly what its user reads in the browser: for each endpoint, the API
answers as its twin page does (200, 403 or 404; 401 where the page sends an anonymous
visitor to sign in) and, where the page lists or shows rows, the same rows. An endpoint
added without a twin here fails `test_every_endpoint_is_walked`.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from api import urls as api_urls
from resilience.models import Resource, Review

ROLES = ["admin", "manager", "staff", "other staff", "no role", "anonymous"]

# The API's answer for each answer of the twin page.
API_STATUS = {200: 200, 403: 403, 404: 404, 302: 401}

# Endpoints with no page twin, and why.
UNTWINNED = {
    "schema": "the OpenAPI description holds no data and is public",
    "docs": "the documentation page is itself a page (checked in test_docs.py)",
    "not_found": "any other address under /api/ (checked in test_errors.py)",
}


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.name


def _ids(data):
    return {row["id"] for row in data["results"]}


def same_evidence(data, page):
    assert _ids(data) == {item.pk for item in page.context["page"].object_list}


def same_transitions(data, page):
    assert len(data["transitions"]) == len(page.context["transitions"])
    shown = page.context["show_reasons"]
    for step in data["transitions"]:
        assert (step["reason"] is not None) == shown


def same_rollup(data, page):
    dashboard = page.context["dashboard"]
    assert data["headline"]["countries"] == dashboard.headline
    assert {c["country"]: c["since"] for c in data["headline"]["significant_change"]} == {
        country.code.code: dashboard.significant_since[country.pk].isoformat()
        for country in dashboard.significant_countries
    }
    statuses = {(c["country"], c["sub_objective"]): c["status"] for c in data["cells"]}
    for country, _significant, cells in dashboard.matrix():
        for sub, status in cells:
            assert statuses[(country.code.code, sub.code)] == status


def same_places(data, page):
    assert _ids(data) == {place.pk for place in page.context["places"]}


def reviews_of_places_shown(data, page):
    assert _ids(data) == set(
        Review.objects.filter(place__in=page.context["places"]).values_list("pk", flat=True)
    )


def same_resources(data, page):
    assert _ids(data) == {resource.pk for resource in page.context["page"].object_list}


def same_linked_evidence(data, page):
    on_page = {s.topic_area.name: {e.pk for e in s.evidence.all()} for s in page.context["scores"]}
    assert {s["topic_area"]: set(s["evidence"]) for s in data["scores"]} == on_page


def twins(world, strategy):
    """{endpoint name: [(API path, twin page path, comparison or None), …]}."""
    slug = strategy.slug
    as_of = urlencode({"strategy": slug, "as_of": "2020-12-31"})
    evidence = world.evidence.values()
    resource = reverse("api:resource-detail", args=[Resource.objects.first().pk])
    return {
        "api-root": [(reverse("api:api-root"), reverse("evidence:list"), None)],
        "strategy-list": [(reverse("api:strategy-list"), reverse("evidence:list"), None)],
        "strategy-detail": [
            (
                reverse("api:strategy-detail", args=[slug]),
                f"{reverse('evidence:list')}?strategy={slug}",
                None,
            ),
            (reverse("api:strategy-detail", args=["none"]), "/evidence/?strategy=none", None),
        ],
        "strategy-rollup": [
            (
                f"{reverse('api:strategy-rollup', args=[slug])}?as_of=2020-12-31",
                f"{reverse('dashboard:index')}?{as_of}",
                same_rollup,
            )
        ],
        "country-list": [
            (reverse("api:country-list"), reverse("countries:detail", args=["ne"]), None)
        ],
        "country-detail": [
            (
                reverse("api:country-detail", args=[code]),
                reverse("countries:detail", args=[code]),
                None,
            )
            for code in ("ne", "in", "zz")
        ],
        "evidence-list": [(reverse("api:evidence-list"), reverse("evidence:list"), same_evidence)],
        "evidence-detail": [
            (
                reverse("api:evidence-detail", args=[item.pk]),
                reverse("evidence:detail", args=[item.pk]),
                same_transitions,
            )
            for item in evidence
        ],
        "place-list": [(reverse("api:place-list"), reverse("resilience:index"), same_places)],
        "place-detail": [
            (
                reverse("api:place-detail", args=[p.pk]),
                reverse("resilience:place", args=[p.pk]),
                None,
            )
            for p in world.places.values()
        ],
        "review-list": [
            (reverse("api:review-list"), reverse("resilience:index"), reviews_of_places_shown)
        ],
        "review-detail": [
            (
                reverse("api:review-detail", args=[r.pk]),
                reverse("resilience:review", args=[r.pk]),
                same_linked_evidence,
            )
            for r in world.reviews.values()
        ],
        "resource-list": [
            (reverse("api:resource-list"), reverse("resilience:resources"), same_resources)
        ],
        "resource-detail": [(resource, reverse("resilience:resources"), None)],
    }


def test_every_endpoint_is_walked(world, strategy):
    """No endpoint exists without a twin page in this walk (or a reason it has none)."""
    endpoints = set(_names(api_urls.urlpatterns))
    assert endpoints == set(twins(world, strategy)) | set(UNTWINNED)


@pytest.fixture
def users(superuser, manager, staff, other_staff, outsider):
    return {
        "admin": superuser,
        "manager": manager,
        "staff": staff,
        "other staff": other_staff,
        "no role": outsider,
        "anonymous": None,
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_endpoint_answers_as_its_page(role, users, world, strategy, api_as):
    user = users[role]
    browser = Client()
    if user is not None:
        browser.force_login(user)
    api = api_as(user)
    checked = 0
    for name, pairs in twins(world, strategy).items():
        for api_path, page_path, compare in pairs:
            page = browser.get(page_path)
            answer = api.get(api_path)
            where = f"{role}: {name} {api_path} (page {page_path} → {page.status_code})"
            assert answer.status_code == API_STATUS[page.status_code], where
            assert answer["Content-Type"] == "application/json", where
            if answer.status_code == 200 and compare is not None:
                compare(answer.json(), page)
                checked += 1
    if role not in ("no role", "anonymous"):
        assert checked, "the rows of some endpoint were compared"


def test_no_confidential_text_reaches_staff_of_another_country(world, other_staff, api_as):
    """Searching, filtering and fetching by id: staff of India never meet Niger's
    confidential item, nor another's draft."""
    api = api_as(other_staff)
    hidden = [world.evidence["confidential in Niger"], world.evidence["draft of staff"]]
    for item in hidden:
        assert api.get(reverse("api:evidence-detail", args=[item.pk])).status_code == 404
        for query in ({"q": item.title}, {"country": item.country_id}, {"status": item.status}):
            listed = api.get(reverse("api:evidence-list"), query)
            assert listed.status_code == 200
            assert item.title not in listed.content.decode()
