"""Who may see and do what with evidence and countries.

Every view that looks up a protected object goes through the `*_for` helpers here,
which answer 404 when the user may not see the object and 403 when they may see it
but not do what they ask. Lists use `Evidence.objects.visible_to(user)`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import roles_of
from countries.models import Country

from .models import Evidence


def has_role(user):
    roles = roles_of(user)
    return roles.is_manager or roles.is_country_staff


def require_role(user):
    """The app's pages are for managers and country staff; others are refused (403)."""
    if not has_role(user):
        raise PermissionDenied


def require_manager(user):
    if not roles_of(user).is_manager:
        raise PermissionDenied


def require_logging_rights(user):
    """Logging evidence needs the country staff role and at least one assigned country."""
    roles = roles_of(user)
    if not (roles.is_country_staff and roles.country_ids):
        raise PermissionDenied


def can_log_for(user, country):
    """Only country staff assigned to the country log evidence for it."""
    roles = roles_of(user)
    return roles.is_country_staff and country.pk in roles.country_ids


def can_edit(user, evidence):
    """Authors edit their own drafts and returned items, while still assigned to the country."""
    return (
        evidence.author_id == user.pk
        and evidence.is_editable_by_author
        and can_log_for(user, evidence.country)
    )


def can_verify(user, evidence):
    """Managers verify or return submitted evidence, never their own."""
    return roles_of(user).is_manager and evidence.author_id != user.pk


def can_see_confidential(user, country):
    roles = roles_of(user)
    return roles.is_manager or (roles.is_country_staff and country.pk in roles.country_ids)


def evidence_for(user, pk, *, action="view"):
    """The evidence item `pk` if `user` may do `action` ("view", "edit", "verify") with it."""
    evidence = get_object_or_404(Evidence.objects.visible_to(user).with_related(), pk=pk)
    if action == "edit" and not can_edit(user, evidence):
        raise PermissionDenied
    if action == "verify" and not can_verify(user, evidence):
        raise PermissionDenied
    return evidence


def country_for(user, code):
    """A country page is readable by anyone with a role; 404 for unknown codes."""
    require_role(user)
    # Not a two-letter code (a NUL byte, say, which PostgreSQL refuses): no such country.
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    try:
        return Country.objects.get(code=code.upper())
    except Country.DoesNotExist:
        raise Http404 from None
