"""Who may see and record resilience reviews.

Everyone with a role (managers, country staff) reads places, reviews and the library.
Managers record reviews anywhere; country staff only for the places of the countries
they are assigned to. Lookups answer 404 when the user may not see the object and 403
when they may see it but not do what they ask.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.access import has_assigned_countries, is_assigned_staff, is_manager, require
from core.roles import roles_of
from countries.models import Country

from .models import Place, Review


def can_record_for(user, country):
    """Managers record reviews for every country; staff for the countries they are assigned to."""
    return is_manager(user) or is_assigned_staff(user, country)


def recordable_countries(user):
    if is_manager(user):
        return Country.objects.all()
    if not has_assigned_countries(user):
        return Country.objects.none()
    return Country.objects.filter(pk__in=roles_of(user).country_ids)


def require_recording_rights(user):
    """Recording needs the manager role, or the staff role and at least one country."""
    require(is_manager(user) or has_assigned_countries(user))


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
