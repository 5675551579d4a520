import datetime

import pytest

from resilience.models import CycleStage, Review, Score, TopicArea
from resilience.starter import load_starter_set

from ..factories import PlaceFactory


@pytest.fixture
def starter(strategy):
    """The starter set (stages, topic areas, resources) on top of the 2015–2020 strategy."""
    load_starter_set()


@pytest.fixture
def topic_areas(starter):
    return list(TopicArea.objects.all())


@pytest.fixture
def stage(starter):
    return CycleStage.objects.order_by("order").first()


@pytest.fixture
def tahoua(niger, staff):
    return PlaceFactory(country=niger, name="Tahoua")


@pytest.fixture
def sangrur(india, other_staff):
    return PlaceFactory(country=india, name="Sangrur")


@pytest.fixture
def make_review(stage, topic_areas, staff):
    """A review of `place` on `date` with `values` (one per topic area, None to skip)."""

    def make(place, date, values, recorded_by=None):
        review = Review.objects.create(
            place=place,
            date=date,
            stage=stage,
            participants="Partner staff and a survivors' association",
            recorded_by=recorded_by or staff,
        )
        Score.objects.bulk_create(
            Score(review=review, topic_area=topic, value=value)
            for topic, value in zip(topic_areas, values, strict=False)
            if value is not None
        )
        return review

    return make


@pytest.fixture
def review_data(stage, topic_areas):
    """Valid POST data for the review form; scores only the first two topic areas."""

    def make(**overrides):
        first, second = topic_areas[0], topic_areas[1]
        data = {
            "date": "2019-05-14",
            "stage": str(stage.pk),
            "participants": "Community leaders, partner staff",
            "notes": "Held in the community hall.",
            f"score_{first.pk}": "1",
            f"note_{first.pk}": "Few people know where to get help.",
            f"score_{second.pk}": "3",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


DAY = datetime.date(2019, 5, 14)
