import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from accounts.models import User
from resilience.models import Place, Review, TopicArea
from resilience.reports import place_history


# Seeded once for the class (seed_demo takes seconds); each test is rolled back.
@override_settings(DEBUG=True)
class DemoReviewsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())

    def test_demo_reviews_cover_three_countries_with_dated_reviews_per_place(self):
        places = Place.objects.all()
        assert places.values("country").distinct().count() >= 3
        for place in places:
            assert place.reviews.values("date").distinct().count() >= 2

    def test_demo_reviews_show_gaps_improvement_and_variation(self):
        manager = User.objects.get(username="grace")
        topic_areas = list(TopicArea.objects.all())
        changes, latest_values = set(), set()
        for place in Place.objects.all():
            latest, *_ = place_history(place, manager, topic_areas)
            changes |= {c.change_label for c in latest["cells"]}
            latest_values |= {c.value for c in latest["cells"]}
        assert {"Improved", "Worse"} <= {str(label) for label in changes}
        assert {0, 4} <= latest_values or {1, 4} <= latest_values

    def test_running_seed_demo_again_adds_no_reviews(self):
        count = Review.objects.count()
        call_command("seed_demo", stdout=io.StringIO())
        assert Review.objects.count() == count
