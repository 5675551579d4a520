"""A refused or failed send is tried again later, with a growing delay, and the email goes
out once; after EMAIL_MAX_ATTEMPTS failures it is given up and recorded as failed."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from evidence import services
from notifications.models import Message
from notifications.tasks import retry_delay

from .conftest import free_port
from .test_delivery import data


def waiting_task():
    return DBTaskResult.objects.get(status="READY")


def make_due(task):
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())


def test_an_email_the_server_refuses_once_is_sent_later_once(
    smtp, run_tasks, settings, staff, manager, niger
):
    settings.EMAIL_RETRY_SECONDS = 60
    smtp.refuse(1)
    services.create_evidence(author=staff, data=data(niger), submit=True)
    before = timezone.now()
    run_tasks()
    message = Message.objects.get(recipient=manager)
    assert (message.status, message.attempts, smtp.received) == ("pending", 1, [])
    assert "451" in message.last_error
    retry = waiting_task()
    assert retry.task_path == "notifications.tasks.send_messages"
    assert before + datetime.timedelta(seconds=60) <= retry.run_after
    assert run_tasks() == 0  # not before its time

    make_due(retry)
    run_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)
    assert len(smtp.to(manager)) == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_the_delay_doubles_with_each_failure(settings):
    settings.EMAIL_RETRY_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_after_the_last_attempt_an_email_is_recorded_as_failed(
    run_tasks, settings, staff, manager, niger
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    settings.EMAIL_MAX_ATTEMPTS = 3
    services.create_evidence(author=staff, data=data(niger), submit=True)
    run_tasks()
    for _ in range(2):
        make_due(waiting_task())
        run_tasks()
    message = Message.objects.get(recipient=manager)
    assert (message.status, message.attempts) == ("failed", 3)
    assert "ConnectionRefusedError" in message.last_error
    assert not DBTaskResult.objects.filter(status="READY").exists()
