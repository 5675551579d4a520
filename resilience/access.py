"""Who may see and record resilience reviews, in the style of evidence/access.py.

Everyone with a role (managers, country staff) reads places, reviews and the library.
Managers record reviews anywhere; country staff only for the places of the countries
they are assigned to. Lookups answer 404 when the user may not see the object and 403
when they may see it but not do what they ask.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import roles_of
from countries.models import Country
from evidence.access import require_role

from .models import Place, Review

__all__ = [
    "can_record_for",
    "place_for",
    "recordable_countries",
    "require_recording_rights",
    "require_role",
    "review_for",
]


def can_record_for(user, country):
    """Managers record reviews for every country; staff for the countries they are assigned to."""
    roles = roles_of(user)
    return roles.is_manager or (roles.is_country_staff and country.pk in roles.country_ids)


def recordable_countries(user):
    roles = roles_of(user)
    if roles.is_manager:
        return Country.objects.all()
    if roles.is_country_staff:
        return Country.objects.filter(pk__in=roles.country_ids)
    return Country.objects.none()


def require_recording_rights(user):
    """Recording needs the manager role, or the staff role and at least one country."""
    roles = roles_of(user)
    if not (roles.is_manager or (roles.is_country_staff and roles.country_ids)):
        raise PermissionDenied


def place_for(user, pk, *, action="view"):
    """The place `pk` if `user` may do `action` ("view", "record") with it."""
    place = get_object_or_404(Place.objects.visible_to(user).select_related("country"), pk=pk)
    if action == "record" and not can_record_for(user, place.country):
        raise PermissionDenied
    return place


def review_for(user, pk):
    """A review is readable by whoever may see its place."""
    places = Place.objects.visible_to(user)
    return get_object_or_404(
        Review.objects.filter(place__in=places).select_related(
            "place__country", "stage", "recorded_by"
        ),
        pk=pk,
    )
