"""What the pages show: a place's latest review, its change and history; the comparison
grid within and across countries; the partials other pages include."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from core.roles import roles_of
from objectives.models import SubObjective
from resilience.models import Place, Resource
from tests.factories import EvidenceFactory

OLD, NEW = datetime.date(2017, 3, 1), datetime.date(2019, 3, 1)


def test_the_place_page_shows_the_latest_review_its_change_and_its_history(
    client_for, manager, tahoua, make_review
):
    make_review(tahoua, OLD, [0, 2, 3])
    make_review(tahoua, NEW, [2, 2, 1, 4])
    response = client_for(manager).get(reverse("resilience:place", args=[tahoua.pk]))
    latest = response.context["latest"]
    assert latest["review"].date == NEW
    changes = [(c.value, c.change, str(c.change_label)) for c in latest["cells"][:4]]
    assert changes == [(2, 2, "Improved"), (2, 0, "No change"), (1, -2, "Worse"), (4, None, "New")]
    assert [entry["review"].date for entry in response.context["history"]] == [NEW, OLD]
    html = response.content.decode()
    assert "Improved (+2)" in html
    assert "Worse (-2)" in html
    assert "<svg" in html and "<script" not in html and "style=" not in html


def test_the_place_page_keeps_its_query_count_whatever_the_number_of_reviews(
    client_for, manager, tahoua, make_review, django_assert_max_num_queries
):
    client = client_for(manager)
    for year in range(2010, 2020):
        make_review(tahoua, datetime.date(year, 1, 1), [1] * 12)
    with django_assert_max_num_queries(12):
        client.get(reverse("resilience:place", args=[tahoua.pk]))


def test_a_review_shows_only_the_evidence_the_reader_may_see(
    client_for, staff, other_staff, tahoua, make_review
):
    review = make_review(tahoua, NEW, [1])
    shared = EvidenceFactory(country=tahoua.country, author=staff, title="Shared item")
    secret = EvidenceFactory(
        country=tahoua.country, author=staff, title="Secret item", confidential=True
    )
    review.scores.get().evidence.set([shared, secret])
    url = reverse("resilience:review", args=[review.pk])
    assert "Secret item" in client_for(staff).get(url).content.decode()
    html = client_for(other_staff).get(url).content.decode()
    assert "Shared item" in html
    assert "Secret item" not in html


def _grid(response):
    return [
        (row["place"].name, [cell.value for cell in row["cells"][:3]])
        for row in response.context["grid"]["rows"]
    ]


def test_the_comparison_grid_shows_each_places_latest_scores_across_countries(
    client_for, manager, tahoua, sangrur, make_review
):
    make_review(tahoua, OLD, [0, 0, 0])
    make_review(tahoua, NEW, [1, 3, None])
    make_review(sangrur, OLD, [4, 2, 2])
    client = client_for(manager)
    response = client.get(reverse("resilience:compare"))
    assert _grid(response) == [("Sangrur", [4, 2, 2]), ("Tahoua", [1, 3, None])]
    education = response.context["grid"]["columns"][0]["chart"]
    assert [s["count"] for s in education["segments"]] == [0, 1, 0, 0, 1]

    within = client.get(reverse("resilience:compare"), {"country": tahoua.country.pk})
    assert _grid(within) == [("Tahoua", [1, 3, None])]


def test_an_unknown_country_on_the_comparison_page_is_an_error_not_everything(
    client_for, manager, tahoua, make_review
):
    make_review(tahoua, NEW, [1])
    response = client_for(manager).get(reverse("resilience:compare"), {"country": "nope"})
    assert response.status_code == 200
    assert response.context["grid"]["rows"] == []
    assert "Choose one of the countries" in response.content.decode()


def _add_places(country, count, make_review, start):
    for n in range(count):
        place = Place.objects.create(country=country, name=f"Place {start + n}", kind="town")
        make_review(place, OLD, [n % 5] * 12)
        make_review(place, NEW, [(n + 1) % 5] * 12)


# Session, user, roles, the country list, (the chosen country,) places with their latest
# reviews, topic areas, and the scores of those reviews.
@pytest.mark.parametrize(("within_country", "queries"), [(False, 7), (True, 8)])
def test_the_comparison_page_query_count_does_not_grow_with_places_or_reviews(
    client_for,
    manager,
    niger,
    india,
    make_review,
    django_assert_num_queries,
    within_country,
    queries,
):
    client = client_for(manager)
    query = {"country": niger.pk} if within_country else {}
    url = reverse("resilience:compare")
    _add_places(niger, 2, make_review, 0)
    client.get(url, query)  # warm the session and roles
    with django_assert_num_queries(queries):
        small = client.get(url, query)
    _add_places(niger, 6, make_review, 10)
    _add_places(india, 6, make_review, 20)
    with django_assert_num_queries(queries):
        large = client.get(url, query)
    assert len(large.context["grid"]["rows"]) > len(small.context["grid"]["rows"])


def test_the_country_places_partial_links_to_places_and_the_comparison(
    rf_user, niger, tahoua, staff, other_staff
):
    html = rf_user(staff, "resilience/partials/country_places.html", country=niger)
    assert tahoua.get_absolute_url() in html
    assert f"{reverse('resilience:compare')}?country={niger.pk}" in html
    assert reverse("resilience:place_new") in html
    other = rf_user(other_staff, "resilience/partials/country_places.html", country=niger)
    assert reverse("resilience:place_new") not in other


def test_the_resources_partial_lists_a_sub_objectives_resources(rf_user, staff, starter):
    sub = SubObjective.objects.get(objective__number=1, number=2)
    html = rf_user(staff, "resilience/partials/resources_for.html", resources=sub.resources.all())
    assert "Towards mandatory due diligence in global supply chains" in html
    assert "Spotlight Report" not in html
    assert list(Resource.objects.for_sub_objective(sub)) == list(sub.resources.all())


def test_a_topic_area_page_shows_its_resources(client_for, staff, starter):
    resource = Resource.objects.get(title__startswith="Towards mandatory")
    topic = resource.topic_areas.first()
    html = client_for(staff).get(reverse("resilience:topic_area", args=[topic.pk])).content
    assert resource.title in html.decode()


def test_the_library_is_searchable_and_filterable(client_for, staff, starter, topic_areas):
    client = client_for(staff)
    url = reverse("resilience:resources")

    def titles(**params):
        return [r.title for r in client.get(url, params).context["page"]]

    assert len(titles()) == 4
    assert titles(q="iom") == [Resource.objects.get(title__startswith="IOM").title]
    sub = SubObjective.objects.get(objective__number=1, number=2)
    assert titles(sub_objective=sub.pk) == [
        "Towards mandatory due diligence in global supply chains"
    ]
    conflict = next(t for t in topic_areas if t.name == "Conflict")
    assert titles(topic_area=conflict.pk) == [
        Resource.objects.get(title__startswith="Regional Overview").title
    ]


def test_a_bad_library_filter_is_shown_next_to_its_field_with_no_results(
    client_for, staff, starter
):
    response = client_for(staff).get(reverse("resilience:resources"), {"year": "soon"})
    assert response.context["filter"].form.errors["year"]
    assert list(response.context["page"]) == []
    assert 'value="soon"' in response.content.decode()


def test_the_library_keeps_its_query_count_whatever_its_size(
    client_for, staff, starter, django_assert_max_num_queries
):
    client = client_for(staff)
    sub = SubObjective.objects.first()
    for n in range(10):
        Resource.objects.create(title=f"Guide {n}", summary="How to.").sub_objectives.add(sub)
    with django_assert_max_num_queries(10):
        client.get(reverse("resilience:resources"))


@pytest.fixture
def rf_user():
    """Render a template for a user, with the roles context the site provides."""

    def render(user, template, **context):
        request = RequestFactory().get("/")
        request.user = user
        return render_to_string(template, {**context, "roles": roles_of(user)}, request=request)

    return render


def test_the_place_page_in_french_keeps_its_chart_geometry_unlocalised(
    client_for, manager, tahoua, make_review
):
    """A French decimal comma in an SVG attribute would break the score bars."""
    make_review(tahoua, NEW, [0, 2, 3])  # thirds: widths with decimals
    manager.language = "fr"
    manager.save()
    html = client_for(manager).get(reverse("resilience:place", args=[tahoua.pk])).content.decode()
    assert "Lacune grave" in html and "Première note" in html
    assert re.search(r'width="\d+\.\d+"', html)
    assert not re.search(r'(x|y|width|height)="-?\d+,\d', html)
