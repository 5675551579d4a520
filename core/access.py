"""The access primitives every app's checks are made of.

The contract of the whole site: a lookup answers **404** when the user may not see the
object and **403** when they may see it but not do what they ask. Each app builds its own
rules from these (`evidence.access`, `countries.access`, `resilience.access`); none
writes a role or assignment check of its own.
"""

from django.core.exceptions import PermissionDenied

from .roles import roles_of


def require(allowed):
    """403 unless `allowed`."""
    if not allowed:
        raise PermissionDenied


def has_role(user):
    """Managers (and admins) and country staff use the app; anyone else sees a notice."""
    roles = roles_of(user)
    return roles.is_manager or roles.is_country_staff


def require_role(user):
    require(has_role(user))


def is_manager(user):
    return roles_of(user).is_manager


def require_manager(user):
    require(is_manager(user))


def is_assigned_staff(user, country):
    """Country staff assigned to `country` work on it (log evidence, record reviews)."""
    roles = roles_of(user)
    return roles.is_country_staff and country.pk in roles.country_ids


def has_assigned_countries(user):
    """Country staff with at least one country to work on."""
    roles = roles_of(user)
    return roles.is_country_staff and bool(roles.country_ids)
