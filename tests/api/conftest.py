import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import create_token
from evidence.models import Evidence, Transition
from resilience.models import CycleStage, Review, Score, TopicArea
from resilience.starter import load_starter_set

from ..factories import EvidenceFactory, PlaceFactory


@pytest.fixture(autouse=True)
def throttle_counts_reset():
    """Throttle counts live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for(db):
    """`token_for(user, countries=(), days=30)`: (token, key) of a new personal token."""

    def make(user, countries=(), days=30):
        return create_token(
            user=user,
            name="Test",
            expires_at=timezone.now() + datetime.timedelta(days=days),
            countries=countries,
        )

    return make


@pytest.fixture
def api_as(token_for):
    """An API client reading with a new token of `user` (anonymous for None)."""

    def make(user, countries=()):
        client = APIClient()
        if user is not None:
            _token, key = token_for(user, countries)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return make


@dataclass
class World:
    """One of everything, in every state that changes who sees it."""

    evidence: dict
    places: dict
    reviews: dict


def _returned(staff, manager):
    item = EvidenceFactory(author=staff, status=Evidence.Status.RETURNED, title="Returned one")
    Transition.objects.create(
        evidence=item,
        from_status=Evidence.Status.SUBMITTED,
        to_status=Evidence.Status.RETURNED,
        actor=manager,
        at=timezone.now(),
        reason="Name the court, please.",
    )
    return item


@pytest.fixture
def world(strategy, staff, other_staff, manager, niger, india):
    load_starter_set()
    verified = Evidence.Status.VERIFIED
    evidence = {
        "draft of staff": EvidenceFactory(author=staff, status=Evidence.Status.DRAFT),
        "submitted in Niger": EvidenceFactory(author=staff, status=Evidence.Status.SUBMITTED),
        "confidential in Niger": EvidenceFactory(author=staff, confidential=True, status=verified),
        "returned to staff": _returned(staff, manager),
        "verified in India": EvidenceFactory(
            author=other_staff,
            country=india,
            status=verified,
            rating=3,
            date=datetime.date(2018, 5, 1),
        ),
        "confidential in India": EvidenceFactory(
            author=other_staff, country=india, confidential=True, status=verified
        ),
        "draft of other staff": EvidenceFactory(
            author=other_staff, country=india, status=Evidence.Status.DRAFT
        ),
    }
    places = {"Niger": PlaceFactory(country=niger), "India": PlaceFactory(country=india)}
    stage = CycleStage.objects.order_by("order").first()
    topic = TopicArea.objects.order_by("order").first()
    reviews = {}
    for name, place in places.items():
        review = Review.objects.create(
            place=place,
            date=datetime.date(2019, 3, 1),
            stage=stage,
            participants="Partners",
            recorded_by=manager,
        )
        score = Score.objects.create(review=review, topic_area=topic, value=2)
        score.evidence.set([evidence[f"confidential in {name}"], evidence["verified in India"]])
        reviews[name] = review
    return World(evidence=evidence, places=places, reviews=reviews)
