"""Plausible demo resilience reviews (used by `manage.py seed_demo`).

Six places in four countries, each reviewed three times: every place starts with
different gaps, most improve, one slips back on a few topic areas, so the place and
comparison pages have gaps, improvement and variation to show.
"""

import datetime
import random

from django.db import transaction

from countries.models import Country
from evidence.models import Evidence
from resilience import services
from resilience.models import CycleStage, Place, Review, TopicArea

# (country code, place, kind, staff user name, starting profile, trend per review)
# A profile is the mean starting score (0 serious gap … 4 strong asset); the trend is
# how many steps it moves, on average, between two reviews.
PLACES = [
    ("NE", "Tahoua", Place.Kind.DISTRICT, "aminata", 1.0, 0.8),
    ("NE", "Tillabéri", Place.Kind.DISTRICT, "aminata", 1.4, 0.3),
    ("ML", "Kayes", Place.Kind.DISTRICT, "aminata", 0.8, 0.6),
    ("IN", "Sangrur", Place.Kind.DISTRICT, "priya", 1.6, 0.7),
    ("IN", "Bhadohi", Place.Kind.TOWN, "priya", 1.2, -0.3),
    ("NP", "Kailali", Place.Kind.DISTRICT, "priya", 1.5, 0.5),
]
REVIEW_DATES = [(2016, 3), (2018, 4), (2020, 2)]
PARTICIPANTS = (
    "Partner organisation staff, a community survivors' association, local authority "
    "representatives, teachers and religious leaders."
)


def _place(code, name, kind, user):
    country = Country.objects.get(code=code)
    place, _ = Place.objects.get_or_create(
        country=country,
        name=name,
        defaults={
            "kind": kind,
            "created_by": user,
            "description": f"A {kind.label.lower()} of {country} where partners work.",
        },
    )
    return place


def _scores(rng, topic_areas, base, trend, index, day, evidence):
    """One review's scores: each topic area drifts by the place's trend from its base."""
    scores = []
    for position, topic in enumerate(topic_areas):
        # The first review leaves a topic area or two unscored: they show as new later.
        if index == 0 and position % 5 == 4:
            continue
        drift = trend * index + rng.uniform(-0.6, 0.6)
        value = max(0, min(4, round(base[topic.pk] + drift)))
        linked = [pk for pk, date in evidence if date <= day][-1:] if position < 2 else []
        note = "Discussed with the community group." if value <= 1 else ""
        scores.append((topic, value, note, linked))
    return scores


@transaction.atomic
def seed_reviews(*, staff, seed=2016):
    """Create demo places and reviews through the app's services; return the review count."""
    rng = random.Random(seed)
    topic_areas = list(TopicArea.objects.all())
    stages = list(CycleStage.objects.all())
    # Demo reviews go only into an empty table, so a rerun never adds a second set.
    if not topic_areas or not stages or Review.objects.exists():
        return 0
    created = 0
    for code, name, kind, username, start, trend in PLACES:
        user = staff[username]
        place = _place(code, name, kind, user)
        evidence = list(
            Evidence.objects.verified()
            .not_confidential()
            .filter(country=place.country)
            .order_by("date")
            .values_list("pk", "date")
        )
        base = {t.pk: start + rng.uniform(-1.2, 1.2) for t in topic_areas}
        for index, (year, month) in enumerate(REVIEW_DATES):
            day = datetime.date(year, month, rng.randint(3, 26))
            services.record_review(
                user=user,
                place=place,
                data={
                    "date": day,
                    "stage": stages[min(index * 2, len(stages) - 1)],
                    "participants": PARTICIPANTS,
                    "notes": f"Review {index + 1} of {name}, facilitated by the partner.",
                },
                scores=_scores(rng, topic_areas, base, trend, index, day, evidence),
            )
            created += 1
    return created
