"""Writes: adding a place and recording a review with its scores, atomic and checked."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from evidence.models import Evidence

from . import access
from .models import Place, Review, Score


@transaction.atomic
def create_place(*, user, data):
    if not access.can_record_for(user, data["country"]):
        raise PermissionDenied
    place = Place(created_by=user, **data)
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def record_review(*, user, place, data, scores):
    """Record a review of `place` with `scores`: [(topic area, value, note, evidence ids)].

    Evidence links are limited to items of the place's country that `user` may see.
    """
    if not access.can_record_for(user, place.country):
        raise PermissionDenied
    if not scores:
        raise ValidationError(_("Score at least one topic area."))
    review = Review(place=place, recorded_by=user, **data)
    review.full_clean()
    review.save()

    wanted = {pk for *_rest, evidence_ids in scores for pk in evidence_ids}
    allowed = set(
        Evidence.objects.visible_to(user)
        .filter(country=place.country, pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise ValidationError(_("Choose evidence of this country that you can see."))

    for topic_area, value, note, evidence_ids in scores:
        score = Score(review=review, topic_area=topic_area, value=value, note=note)
        score.full_clean(exclude=["review"])
        score.save()
        if evidence_ids:
            score.evidence.set(evidence_ids)
    return review
