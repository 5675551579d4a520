"""Who may see and do what with evidence and countries.

Every view that looks up a protected object goes through the `*_for` helpers here,
which answer 404 when the user may not see the object and 403 when they may see it
but not do what they ask. Lists use `Evidence.objects.visible_to(user)`.

Who sees an item is decided by its state alone (status, confidential, country, author),
so the same rule judges an item now and each version of it in its history
(`could_see`), and selects the items a user may read (`visible_q`, behind
`Evidence.objects.visible_to`).
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import roles_of
from countries.models import Country

from .models import Evidence

Status = Evidence.Status
# Seen beyond the author: by managers once submitted (returned items included, as the
# managers returned them); by country staff only while submitted or verified.
SEEN_BY_MANAGERS = (Status.SUBMITTED, Status.RETURNED, Status.VERIFIED)
SEEN_BY_STAFF = (Status.SUBMITTED, Status.VERIFIED)


def _visibility(user):
    """The rule, written once: the alternative conditions under which `user` sees an item,
    each a dict of field lookups on the item's state, met when all of its lookups are.

    Admins (superusers) see everything. Anyone else with a role sees their own items in any
    status, so a draft is seen by its author alone. Managers see the rest once submitted.
    Country staff see others' submitted and verified items that are not confidential, and
    the confidential ones of the countries they are assigned to. No role, nothing."""
    roles = roles_of(user)
    if roles.is_admin:
        return [{}]
    if not has_role(user):
        return []
    alternatives = [{"author_id": user.pk}]
    if roles.is_manager:
        alternatives.append({"status__in": SEEN_BY_MANAGERS})
    if roles.is_country_staff:
        alternatives.append({"status__in": SEEN_BY_STAFF, "confidential": False})
        alternatives.append({"status__in": SEEN_BY_STAFF, "country_id__in": roles.country_ids})
    return alternatives


def _meets(state, lookups):
    for lookup, wanted in lookups.items():
        field, _, operator = lookup.partition("__")
        value = getattr(state, field)
        if not (value in wanted if operator == "in" else value == wanted):
            return False
    return True


def could_see(user, state):
    """May `user` see an item in `state`: an `Evidence`, or a record of its history as it
    was then (anything with `status`, `confidential`, `country_id` and `author_id`)."""
    return any(_meets(state, lookups) for lookups in _visibility(user))


def visible_q(user):
    """The same rule as a filter, or None when the user may see nothing."""
    alternatives = _visibility(user)
    if not alternatives:
        return None
    return reduce(or_, (Q(**lookups) for lookups in alternatives))


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


def can_read_return_reasons(user, evidence):
    """Return reasons are feedback to the author and may quote confidential content: the
    author, managers and admins read them; other readers see the steps alone."""
    return evidence.author_id == user.pk or roles_of(user).is_manager


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
