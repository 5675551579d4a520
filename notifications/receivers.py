"""What this app hears from the apps below it. Each receiver runs inside the transaction
that records the event and only queues `tasks.fan_out` (one row), so a page that submits,
returns, verifies or comments pays for a queued task and nothing more; who hears of it is
worked out by the task worker.

To notify a new kind of event (a narrative to approve, an import that needs action):
register its `Kind` (kinds.py) and connect a receiver of its app's signal here that
queues `tasks.fan_out.enqueue(<kind slug>, <event row id>)`.
"""

from contextlib import contextmanager

from django.dispatch import receiver

from evidence.models import Evidence
from evidence.signals import comment_posted, transition_recorded
from imports.signals import preview_ready
from reports.models import Narrative
from reports.signals import narrative_transition_recorded

from . import tasks

TRANSITION_KINDS = {
    Evidence.Status.SUBMITTED: "submitted",
    Evidence.Status.RETURNED: "returned",
    Evidence.Status.VERIFIED: "verified",
}


@receiver(transition_recorded, dispatch_uid="notifications.transition")
def on_transition(sender, transition, **kwargs):
    kind = TRANSITION_KINDS.get(transition.to_status)
    if kind is not None:
        tasks.fan_out.enqueue(kind, transition.pk)


@receiver(comment_posted, dispatch_uid="notifications.comment")
def on_comment(sender, comment, **kwargs):
    tasks.fan_out.enqueue("comment", comment.pk)


@receiver(preview_ready, dispatch_uid="notifications.import_ready")
def on_import_ready(sender, batch, **kwargs):
    tasks.fan_out.enqueue("import-ready", batch.pk)


NARRATIVE_KINDS = {
    Narrative.Status.RETURNED: "narrative-returned",
    Narrative.Status.APPROVED: "narrative-approved",
}


@receiver(narrative_transition_recorded, dispatch_uid="notifications.narrative")
def on_narrative_transition(sender, transition, **kwargs):
    kind = NARRATIVE_KINDS.get(transition.to_status)
    if kind is not None:
        tasks.fan_out.enqueue(kind, transition.pk)


RECEIVERS = [
    (transition_recorded, on_transition, "notifications.transition"),
    (comment_posted, on_comment, "notifications.comment"),
    (preview_ready, on_import_ready, "notifications.import_ready"),
    (narrative_transition_recorded, on_narrative_transition, "notifications.narrative"),
]


@contextmanager
def muted():
    """No notifications for what happens inside (demo data written in bulk, say, or a
    benchmark's baseline). Process-wide: for commands, not for a serving process."""
    for signal, function, uid in RECEIVERS:
        signal.disconnect(function, dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, function, uid in RECEIVERS:
            signal.connect(function, dispatch_uid=uid)
