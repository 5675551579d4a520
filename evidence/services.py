"""Evidence life cycle: draft → submitted → verified, or returned with a reason and
resubmitted. Every transition is atomic, checked and recorded with who, when and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import is_assigned_staff

from . import access, signals
from .models import Comment, Evidence, Transition

Status = Evidence.Status


class StaleEdit(Exception):
    """The item changed since the editor loaded it; their save would overwrite that change."""

    def __init__(self, current):
        super().__init__("evidence changed since it was loaded")
        self.current = current


def _record(evidence, *, actor, from_status, to_status, reason="", at=None):
    transition = Transition(
        evidence=evidence,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        at=at or timezone.now(),
    )
    # Validated (the reason goes through the text validator) without looking up the
    # item and the actor we already hold.
    transition.full_clean(exclude=["evidence", "actor"])
    transition.save()
    signals.transition_recorded.send(sender=Transition, transition=transition)


def _move(evidence, *, actor, allowed_from, to_status, reason="", at=None):
    """Change status under a row lock so two managers cannot act on one item at once.

    Saved (not `update()`d) so the history records the status each version had: who may
    read a version depends on it (`history.field_changes`)."""
    with transaction.atomic():
        locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if locked.status not in allowed_from:
            raise ValidationError(
                _("This evidence is %(status)s and cannot be moved to %(target)s.")
                % {"status": locked.get_status_display(), "target": Status(to_status).label}
            )
        from_status = locked.status
        at = at or timezone.now()
        locked.status = to_status
        if to_status == Status.SUBMITTED:
            locked.submitted_at = at
        locked.version += 1
        locked._history_user = actor
        # Only the status moves: the content was validated when it was saved.
        locked.save(update_fields=["status", "submitted_at", "version", "updated_at"])
        _record(
            locked, actor=actor, from_status=from_status, to_status=to_status, reason=reason, at=at
        )
    evidence.refresh_from_db(fields=["status", "submitted_at", "version", "updated_at"])
    return evidence


@transaction.atomic
def create_evidence(*, author, data, submit=False, at=None):
    """Create an evidence item from cleaned form data as a draft, optionally submitting it."""
    if not is_assigned_staff(author, data["country"]):
        raise PermissionDenied
    evidence = Evidence(author=author, status=Status.DRAFT, **data)
    evidence._history_user = author
    evidence.full_clean()
    evidence.save()
    _record(evidence, actor=author, from_status="", to_status=Status.DRAFT, at=at)
    if submit:
        submit_evidence(evidence=evidence, actor=author, at=at)
    return evidence


@transaction.atomic
def update_evidence(*, evidence, actor, data, version, submit=False):
    """Save the author's edits, refusing them if someone saved the item in the meantime."""
    if not access.can_edit(actor, evidence):
        raise PermissionDenied
    current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if current.version != version:
        raise StaleEdit(current)
    for field, value in data.items():
        setattr(evidence, field, value)
    evidence.version = current.version + 1
    evidence._history_user = actor
    evidence.full_clean()
    evidence.save()
    if submit:
        submit_evidence(evidence=evidence, actor=actor)
    return evidence


@transaction.atomic
def submit_evidence(*, evidence, actor, at=None, answer=""):
    """Submit a draft or a returned item; `answer`, if any, goes into the item's
    conversation first (the author's reply to the return's reason)."""
    if not access.can_edit(actor, evidence):
        raise PermissionDenied
    if answer.strip():
        post_comment(evidence=evidence, author=actor, text=answer, at=at)
    return _move(
        evidence,
        actor=actor,
        allowed_from=(Status.DRAFT, Status.RETURNED),
        to_status=Status.SUBMITTED,
        at=at,
    )


@transaction.atomic
def post_comment(*, evidence, author, text, at=None):
    """Add a comment to the conversation on an item, recording the item's state as it is
    (read under the row lock, so a status change cannot slip in between)."""
    current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if not access.can_comment(author, current):
        raise PermissionDenied
    comment = Comment.on(current, author=author, text=(text or "").strip(), at=at)
    comment.full_clean(exclude=["evidence", "author", "item_country", "item_author"])
    comment.save()
    signals.comment_posted.send(sender=Comment, comment=comment)
    return comment


def verify_evidence(*, evidence, actor, at=None):
    if not access.can_verify(actor, evidence):
        raise PermissionDenied
    return _move(
        evidence, actor=actor, allowed_from=(Status.SUBMITTED,), to_status=Status.VERIFIED, at=at
    )


def return_evidence(*, evidence, actor, reason, at=None):
    if not access.can_verify(actor, evidence):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the evidence is returned.")})
    return _move(
        evidence,
        actor=actor,
        allowed_from=(Status.SUBMITTED,),
        to_status=Status.RETURNED,
        reason=reason,
        at=at,
    )


def verify_many(*, evidence_ids, actor):
    """Verify each of the items named that `actor` may see, each on its own (one refusal
    does not undo the others). Returns (verified, refused): items, and (item, why) pairs;
    an item is refused when it is the manager's own or no longer waits."""
    verified, refused = [], []
    items = Evidence.objects.visible_to(actor).filter(pk__in=evidence_ids).order_by("pk")
    for evidence in items.select_related("country"):
        if not access.can_verify(actor, evidence):
            refused.append((evidence, "own"))
            continue
        try:
            verify_evidence(evidence=evidence, actor=actor)
        except ValidationError:
            refused.append((evidence, "status"))
        else:
            verified.append(evidence)
    return verified, refused
