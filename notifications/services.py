"""Writes of the notifications: recording who should hear about what, bundling it into
emails, and people's choices.

Nothing here sends mail: an email is a `Message` row and a queued `tasks.send_messages`,
written in the same transaction, so an email exists exactly when its message does.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .kinds import KINDS
from .models import Delivery, FollowedCountry, Message, Notification, Preference


def deliveries(kind, user_ids):
    """{user id: how they receive `kind`}: their choice, else the kind's default."""
    chosen = dict(
        Preference.objects.filter(kind=kind.slug, user_id__in=user_ids).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: chosen.get(pk, kind.default) for pk in user_ids}


# The daily run queues its emails in tasks of this many, each sent over one connection.
EMAILS_PER_TASK = 50


def _queue(*messages):
    from .tasks import send_messages  # the task module imports this one

    send_messages.enqueue([message.pk for message in messages])


@transaction.atomic
def notify(kind, event):
    """Record that each recipient of `event` should hear about it, once whatever happens
    (one notification per recipient and key), as they chose; queue an email now for those
    who chose to hear at once. Returns the number of notifications recorded."""
    recipients = list(kind.recipients(event))
    evidence, country = kind.about(event)
    how = deliveries(kind, [user.pk for user in recipients])
    key = kind.key(event)
    recorded = 0
    for user in recipients:
        if how[user.pk] == Delivery.NEVER:
            continue
        notification, created = Notification.objects.get_or_create(
            recipient=user,
            key=key,
            defaults={
                "kind": kind.slug,
                "evidence": evidence,
                "country": country,
                "object_id": event.pk,
                "delivery": how[user.pk],
            },
        )
        if created and notification.delivery == Delivery.IMMEDIATELY:
            message = Message.objects.create(recipient=user, key=f"event:{key}")
            notification.message = message
            notification.save(update_fields=["message"])
            _queue(message)
        recorded += created
    return recorded


def record_reminders(kind, today):
    """Record the reminders of `kind` due on `today` that are not recorded yet, as their
    recipients chose to receive them. Returns how many were new."""
    due = list(kind.due(today))
    how = deliveries(kind, {item.recipient_id for item in due})
    rows = [
        Notification(
            recipient_id=item.recipient_id,
            kind=kind.slug,
            key=item.key,
            evidence_id=item.evidence_id,
            country_id=item.country_id,
            object_id=item.object_id,
            delivery=how[item.recipient_id],
        )
        for item in due
        if how[item.recipient_id] != Delivery.NEVER
    ]
    before = Notification.objects.filter(kind=kind.slug).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return Notification.objects.filter(kind=kind.slug).count() - before


def waiting(**filters):
    """Notifications not yet in an email."""
    return Notification.objects.filter(message=None, **filters)


def bundle(recipient_id, key, pending):
    """A new email to `recipient_id` under `key` holding their notifications in `pending`;
    None if that email exists already (a run repeated the same day)."""
    message, created = Message.objects.get_or_create(recipient_id=recipient_id, key=key)
    if not created:
        return None
    pending.filter(recipient_id=recipient_id).update(message=message)
    return message


def bundle_all(pending, key):
    """`bundle` for each recipient with notifications in `pending`, queued in tasks of
    EMAILS_PER_TASK. Each batch is atomic with its task, so a run that stops half-way leaves
    each recipient either done or untouched, and the next run does the rest. Returns the
    number of emails."""
    recipients = list(pending.order_by().values_list("recipient_id", flat=True).distinct())
    count = 0
    for start in range(0, len(recipients), EMAILS_PER_TASK):
        with transaction.atomic():
            batch = [bundle(pk, key, pending) for pk in recipients[start : start + EMAILS_PER_TASK]]
            messages = [message for message in batch if message is not None]
            if messages:
                _queue(*messages)
        count += len(messages)
    return count


def requeue_lost(*, older_than=datetime.timedelta(hours=1)):
    """Queue again the emails still waiting well past their due time: their task was lost
    with a worker killed in the middle of a batch. Harmless if the task was only late:
    sending claims each email first, so it goes out once. Returns how many."""
    now = timezone.now()
    lost = list(Message.objects.filter(status=Message.Status.PENDING, due_at__lt=now - older_than))
    for start in range(0, len(lost), EMAILS_PER_TASK):
        batch = lost[start : start + EMAILS_PER_TASK]
        with transaction.atomic():
            Message.objects.filter(pk__in=[m.pk for m in batch]).update(due_at=now)
            _queue(*batch)
    return len(lost)


def run_daily(today=None):
    """The daily run: record the reminders due, send those who chose to hear at once one
    email per kind of reminder, and everyone else their digest of what is waiting.
    Returns {what: how many}."""
    today = today or timezone.localdate()
    done = {}
    for kind in KINDS.values():
        if kind.reminder:
            done[kind.slug] = record_reminders(kind, today)
            pending = waiting(kind=kind.slug, delivery=Delivery.IMMEDIATELY)
            done[f"{kind.slug} emails"] = bundle_all(pending, f"{kind.slug}:{today}")
    done["digests"] = bundle_all(waiting(delivery=Delivery.DAILY), f"digest:{today}")
    done["emails queued again"] = requeue_lost()
    return done


def _choose(user, choices):
    for slug, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=slug, defaults={"delivery": delivery})


@transaction.atomic
def save_preferences(*, user, choices, countries):
    """Keep `user`'s choice for each kind ({slug: delivery}) and the countries they follow
    (none: all of them)."""
    _choose(user, choices)
    FollowedCountry.objects.filter(user=user).exclude(country__in=countries).delete()
    for country in countries:
        FollowedCountry.objects.get_or_create(user=user, country=country)


@transaction.atomic
def stop(*, user, kinds):
    """Unsubscribe: `user` no longer receives these kinds."""
    _choose(user, dict.fromkeys(kinds, Delivery.NEVER))
