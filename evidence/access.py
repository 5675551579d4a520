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

from .models import Evidence, could_see


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


def takes_part(user, evidence):
    """The conversation on an item (its return reasons and comments) is between its author
    and the managers: it is feedback that may quote confidential content. The author,
    managers and admins read it; other readers see the status steps alone."""
    return evidence.author_id == user.pk or is_manager(user)


def can_comment(user, evidence):
    """Those who take part write in the conversation once the item has left its draft
    (which only its author sees)."""
    return takes_part(user, evidence) and evidence.status != Evidence.Status.DRAFT


def can_read_comment(user, comment):
    """A comment is read by those who take part, and only if they could have seen the item
    when it was written (the history rule)."""
    return takes_part(user, comment.evidence) and could_see(user, comment.item_state)


ACTIONS = {"edit": can_edit, "verify": can_verify, "comment": can_comment}


def evidence_for(user, pk, *, action="view"):
    """The evidence item `pk` if `user` may do `action` ("view", "edit", "verify",
    "comment") with it."""
    evidence = get_object_or_404(Evidence.objects.visible_to(user).with_related(), pk=pk)
    if action != "view" and not ACTIONS[action](user, evidence):
        raise PermissionDenied
    return evidence
