"""Narrative life cycle: draft → submitted → approved, or returned with a reason and
resubmitted. Every step is atomic, checked, recorded with who, when and why, and bumps the
version the edit form carries (no lost updates)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, signals
from .models import Narrative, NarrativeTransition

Status = Narrative.Status


class StaleEdit(Exception):
    """The narrative changed since the writer loaded it."""

    def __init__(self, current):
        super().__init__("narrative changed since it was loaded")
        self.current = current


def _record(narrative, *, actor, from_status, to_status, reason=""):
    transition = NarrativeTransition(
        narrative=narrative,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        at=timezone.now(),
    )
    transition.full_clean(exclude=["narrative", "actor"])
    transition.save()
    signals.narrative_transition_recorded.send(sender=NarrativeTransition, transition=transition)


@transaction.atomic
def save_narrative(*, actor, strategy, country, year, text_en, text_fr, version, submit=False):
    """Create or update the narrative of `country` and `year`, as a draft or submitted.
    `version` is the one the writer loaded (0 for a new narrative)."""
    if not access.can_write(actor, country):
        raise PermissionDenied
    narrative = (
        Narrative.objects.select_for_update()
        .filter(strategy=strategy, country=country, year=year)
        .first()
    )
    is_new = narrative is None
    if is_new:
        narrative = Narrative(strategy=strategy, country=country, year=year, author=actor)
    elif narrative.version != version:
        raise StaleEdit(narrative)
    elif not narrative.is_editable:
        raise PermissionDenied
    from_status = "" if is_new else narrative.status
    narrative.text_en, narrative.text_fr = text_en.strip(), text_fr.strip()
    if submit:
        narrative.status = Status.SUBMITTED
    elif is_new:
        narrative.status = Status.DRAFT
    if submit:
        narrative.author = actor
    narrative.version = 1 if is_new else narrative.version + 1
    narrative._history_user = actor
    narrative.full_clean()
    narrative.save()
    if narrative.status != from_status:
        _record(narrative, actor=actor, from_status=from_status, to_status=narrative.status)
    return narrative


def _move(narrative, *, actor, to_status, reason=""):
    with transaction.atomic():
        locked = Narrative.objects.select_for_update().get(pk=narrative.pk)
        if not access.can_review(actor, locked):
            raise PermissionDenied
        from_status = locked.status
        locked.status = to_status
        locked.version += 1
        locked._history_user = actor
        locked.save(update_fields=["status", "version", "updated_at"])
        _record(locked, actor=actor, from_status=from_status, to_status=to_status, reason=reason)
    return locked


def approve_narrative(*, narrative, actor):
    return _move(narrative, actor=actor, to_status=Status.APPROVED)


def return_narrative(*, narrative, actor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the narrative is returned.")})
    return _move(narrative, actor=actor, to_status=Status.RETURNED, reason=reason)
