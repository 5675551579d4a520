"""Background work of the notifications (Django's Tasks API, run by `manage.py db_worker`):
working out who hears of an event, and sending each email, retried with a growing delay
when the mail server refuses or cannot be reached."""

import datetime
import logging
import smtplib
from collections import Counter

from django.conf import settings
from django.core import mail
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from core.text import strip_control

from . import emails, services
from .kinds import KINDS
from .models import Message

logger = logging.getLogger(__name__)
Status = Message.Status


@task()
def fan_out(kind, object_id):
    """Record the notifications of one event (a status change, a comment…): queued by the
    receivers in the request's transaction, run outside it."""
    event = KINDS[kind].event(object_id)
    if event is None:  # gone since (an item deleted in the admin, say)
        return 0
    return services.notify(KINDS[kind], event)


def _claim(message_id):
    """Mark a waiting message as being sent, committed before the mail server is asked:
    a second run finds it taken, so it is never sent twice (at worst, after a crash in
    the middle of sending, not at all; it stays `sending` for someone to look at)."""
    return Message.objects.filter(pk=message_id, status=Status.PENDING).update(
        status=Status.SENDING, attempts=F("attempts") + 1
    )


def retry_delay(attempts):
    """1, 2, 4, 8… times EMAIL_RETRY_SECONDS after the first, second, third… failure."""
    return datetime.timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** (attempts - 1))


def _failed(message, error):
    message.refresh_from_db(fields=["attempts"])
    last = message.attempts >= settings.EMAIL_MAX_ATTEMPTS
    message.status = Status.FAILED if last else Status.PENDING
    message.last_error = strip_control(f"{type(error).__name__}: {error}", multiline=True)[:2000]
    message.due_at = timezone.now() + retry_delay(message.attempts)
    message.save(update_fields=["status", "last_error", "due_at"])
    expected = isinstance(error, smtplib.SMTPException | OSError)
    logger.warning(
        "Email %s to user %s failed (attempt %s): %s",
        message.pk,
        message.recipient_id,
        message.attempts,
        error,
        exc_info=not expected,
    )
    if last:
        return "failed"
    send_messages.using(run_after=message.due_at).enqueue([message.pk])
    return "retry"


def _send_one(message_id, connection):
    """Write and send one email of the outbox, once, over `connection` (opened the first
    time, and again after a failure)."""
    if not _claim(message_id):
        return "not waiting"
    message = Message.objects.select_related("recipient").get(pk=message_id)
    try:
        email = emails.compose(message)
        if email is not None:
            connection.open()
            connection.send_messages([email])
    except Exception as error:  # noqa: BLE001 (any failure is retried, then recorded)
        connection.close()
        return _failed(message, error)
    message.status = Status.SENT if email is not None else Status.EMPTY
    message.sent_at = timezone.now()
    message.save(update_fields=["status", "sent_at"])
    return message.status


@task()
def send_messages(message_ids):
    """Send emails of the outbox, each once, over one connection to the mail server (a
    daily run queues its digests in batches). Returns {outcome: count}."""
    connection = mail.get_connection()
    outcomes = Counter()
    try:
        for message_id in message_ids:
            outcomes[_send_one(message_id, connection)] += 1
    finally:
        connection.close()
    return dict(outcomes)
