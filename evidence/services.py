"""Evidence life cycle: draft → submitted → verified, or returned with a reason and
resubmitted. Every transition is atomic, checked and recorded with who, when and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.access import is_assigned_staff
from core.roles import roles_of

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


# Many items at once (an import from a spreadsheet): the same rules as one at a time, in a
# constant number of queries per batch of items. Each item's data has been validated by
# `EvidenceForm`, as the form's data is before `create_evidence`; the database enforces
# the absolute rules (constraints) on the bulk writes.

BULK_SIZE = 500


def _require_staff_of(actor, countries):
    roles = roles_of(actor)
    if not roles.is_country_staff or any(c.pk not in roles.country_ids for c in countries):
        raise PermissionDenied


def _transitions(steps, *, actor, at):
    """Transitions of (item, from status, to status) steps, all by `actor` at `at`."""
    return [
        Transition(evidence=evidence, actor=actor, from_status=old, to_status=new, at=at)
        for evidence, old, new in steps
    ]


@transaction.atomic
def create_many(*, author, items_data, submit=False):
    """Create items from validated form data, as drafts or submitted; returns them."""
    _require_staff_of(author, {data["country"] for data in items_data})
    at = timezone.now()
    items = [
        Evidence(
            author=author,
            status=Status.SUBMITTED if submit else Status.DRAFT,
            submitted_at=at if submit else None,
            version=2 if submit else 1,  # as if created, then submitted
            **data,
        )
        for data in items_data
    ]
    created = bulk_create_with_history(
        items, Evidence, batch_size=BULK_SIZE, default_user=author, default_date=at
    )
    steps = [(evidence, "", Status.DRAFT) for evidence in created]
    if submit:
        steps += [(evidence, Status.DRAFT, Status.SUBMITTED) for evidence in created]
    _record_many(_transitions(steps, actor=author, at=at), notify=submit)
    if submit:
        _announce_cells(created)
    return created


@transaction.atomic
def update_many(*, actor, changes, submit=False):
    """Apply validated form data to the author's own drafts and returned items, as
    (item, data) pairs; submit them when `submit`. Returns the items."""
    ids = [evidence.pk for evidence, _data in changes]
    locked = Evidence.objects.select_for_update(of=("self",)).select_related("country")
    current = {evidence.pk: evidence for evidence in locked.filter(pk__in=ids)}
    _require_staff_of(actor, {data["country"] for _evidence, data in changes})
    at = timezone.now()
    fields = {"version", "updated_at", "status"}
    updated, steps = [], []
    for evidence, data in changes:
        item = current.get(evidence.pk)
        if item is None or not access.can_edit(actor, item):
            raise PermissionDenied
        if submit:
            steps.append((item, item.status, Status.SUBMITTED))
        for field, value in data.items():
            setattr(item, field, value)
            fields.add(field)
        item.version += 2 if submit else 1
        item.updated_at = at
        if submit:
            item.status = Status.SUBMITTED
            item.submitted_at = at
            fields.add("submitted_at")
        updated.append(item)
    bulk_update_with_history(
        updated, Evidence, sorted(fields), batch_size=BULK_SIZE, default_user=actor, default_date=at
    )
    _record_many(_transitions(steps, actor=actor, at=at), notify=submit)
    if submit:
        _announce_cells(updated)
    return updated


def _announce_cells(items, *, also=()):
    """Tell the apps above (the roll-up summary) which cells a bulk write touched."""
    cells = {(item.country_id, item.sub_objective_id) for item in items} | set(also)
    if cells:
        signals.cells_changed_in_bulk.send(sender=Evidence, cells=cells)


def _record_many(transitions, *, notify):
    created = Transition.objects.bulk_create(transitions, batch_size=BULK_SIZE)
    if notify:
        for transition in created:
            if transition.to_status == Status.SUBMITTED:
                signals.transition_recorded.send(sender=Transition, transition=transition)


@transaction.atomic
def restore_many(*, actor, restores, reason):
    """Put items back as they were before an import changed them, as (item, {attname:
    value}) pairs; a status put back is recorded as a transition with `reason`."""
    at = timezone.now()
    fields, moved = {"version", "updated_at"}, []
    cells_before = {(evidence.country_id, evidence.sub_objective_id) for evidence, _ in restores}
    for evidence, values in restores:
        before = evidence.status
        for attname, value in values.items():
            setattr(evidence, attname, Evidence._meta.get_field(attname).to_python(value))
            fields.add(attname)
        evidence.version += 1
        evidence.updated_at = at
        if evidence.status != before:
            moved.append(
                Transition(
                    evidence=evidence,
                    actor=actor,
                    from_status=before,
                    to_status=evidence.status,
                    reason=reason,
                    at=at,
                )
            )
    bulk_update_with_history(
        [evidence for evidence, _values in restores],
        Evidence,
        sorted(fields),
        batch_size=BULK_SIZE,
        default_user=actor,
        default_date=at,
    )
    Transition.objects.bulk_create(moved, batch_size=BULK_SIZE)
    _announce_cells([evidence for evidence, _values in restores], also=cells_before)


@transaction.atomic
def delete_many(*, actor, evidence_ids):
    """Delete items an import created (their transitions, comments and history go with
    them); refused for any item that is verified or not `actor`'s."""
    items = Evidence.objects.select_for_update().filter(pk__in=evidence_ids)
    if items.exclude(author=actor).exists() or items.filter(status=Status.VERIFIED).exists():
        raise PermissionDenied
    items.delete()
