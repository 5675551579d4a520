import pytest
from django.core.management import call_command

from resilience.models import Place, Review, TopicArea
from resilience.reports import place_history


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_demo_reviews_cover_three_countries_with_dated_reviews_per_place(seeded):
    places = Place.objects.all()
    assert places.values("country").distinct().count() >= 3
    for place in places:
        assert place.reviews.values("date").distinct().count() >= 2


def test_demo_reviews_show_gaps_improvement_and_variation(seeded, manager):
    topic_areas = list(TopicArea.objects.all())
    changes, latest_values = set(), set()
    for place in Place.objects.all():
        latest, *_ = place_history(place, manager, topic_areas)
        changes |= {c.change_label for c in latest["cells"]}
        latest_values |= {c.value for c in latest["cells"]}
    assert {"Improved", "Worse"} <= {str(label) for label in changes}
    assert {0, 4} <= latest_values or {1, 4} <= latest_values


def test_running_seed_demo_again_adds_no_reviews(seeded):
    count = Review.objects.count()
    call_command("seed_demo")
    assert Review.objects.count() == count
