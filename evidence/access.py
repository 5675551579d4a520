"""Who may see and do what with evidence.

Every view that looks up an evidence item goes through `evidence_for`, which answers 404
when the user may not see it and 403 when they may see it but not do what they ask;
lists use `Evidence.objects.visible_to(user)`, whose rule (`evidence.models.could_see`)
also judges each version of an item in its history. The role and assignment questions
come from `core.access`.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.access import is_assigned_staff, is_manager

from .models import Evidence


def can_edit(user, evidence):
    """Authors edit their own drafts and returned items, while still assigned to the country."""
    return (
        evidence.author_id == user.pk
        and evidence.is_editable_by_author
        and is_assigned_staff(user, evidence.country)
    )


def can_verify(user, evidence):
    """Managers verify or return submitted evidence, never their own."""
    return is_manager(user) and evidence.author_id != user.pk


def can_read_return_reasons(user, evidence):
    """Return reasons are feedback to the author and may quote confidential content: the
    author, managers and admins read them; other readers see the steps alone."""
    return evidence.author_id == user.pk or is_manager(user)


def evidence_for(user, pk, *, action="view"):
    """The evidence item `pk` if `user` may do `action` ("view", "edit", "verify") with it."""
    evidence = get_object_or_404(Evidence.objects.visible_to(user).with_related(), pk=pk)
    if action == "edit" and not can_edit(user, evidence):
        raise PermissionDenied
    if action == "verify" and not can_verify(user, evidence):
        raise PermissionDenied
    return evidence
