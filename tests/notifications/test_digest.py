"""Daily digests: what waits for each person goes out in one email a day, grouped by kind;
a run repeated the same day, or one that crashes half-way (while it queues, or while it
sends), sends each email once."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.roles import MANAGERS
from evidence import services
from notifications import services as notification_services
from notifications import tasks
from notifications.models import Delivery, Message, Notification, Preference
from tests.factories import UserFactory

from .conftest import subject_of, text_of
from .test_delivery import data

# Today: nothing has waited long enough for a reminder.
DAY = timezone.localdate()


def daily(user, *kinds):
    for kind in kinds:
        Preference.objects.create(user=user, kind=kind, delivery=Delivery.DAILY)


@pytest.fixture
def managers():
    """Three managers who read submissions in a daily digest."""
    users = [UserFactory(username=f"digest{n}", groups=[MANAGERS]) for n in range(3)]
    for user in users:
        daily(user, "submitted")
    return users


def submit_two(staff, niger, mali):
    first = services.create_evidence(author=staff, data=data(niger, title="First"), submit=True)
    second = services.create_evidence(author=staff, data=data(mali, title="Second"), submit=True)
    return first, second


def test_a_digest_holds_the_day_s_news_grouped_by_kind_and_nothing_goes_before(
    smtp, run_tasks, staff, manager, niger, mali
):
    daily(manager, "submitted", "comment")
    daily(staff, "returned", "verified")
    first, second = submit_two(staff, niger, mali)
    services.return_evidence(evidence=first, actor=manager, reason="Add the hearing's date.")
    services.verify_evidence(evidence=second, actor=manager)
    services.post_comment(evidence=first, author=staff, text="It was in March.")
    run_tasks()
    assert smtp.received == []  # all of it waits for the digest

    call_command("send_reminders", date=DAY.isoformat(), stdout=mock.MagicMock())
    run_tasks()
    to_manager, to_staff = smtp.only_to(manager), smtp.only_to(staff)
    assert subject_of(to_manager) == "Strategy tracker: your daily digest (3 updates)"
    text = text_of(to_manager)
    assert text.index("Evidence submitted for verification") < text.index("“First”")
    assert text.index("“Second”") < text.index("Comments on evidence") < text.index("March")
    assert subject_of(to_staff) == "Strategy tracker: your daily digest (2 updates)"
    assert "Your evidence returned to you" in text_of(to_staff)
    assert "Add the hearing's date." in text_of(to_staff)
    assert "Your evidence verified" in text_of(to_staff)


def test_running_the_day_s_digest_again_sends_nothing_more(
    smtp, run_tasks, staff, managers, niger, mali
):
    submit_two(staff, niger, mali)
    run_tasks()
    for _ in range(2):
        notification_services.run_daily(DAY)
        run_tasks()
    assert sorted(address for to, _m in smtp.received for address in to) == sorted(
        manager.email for manager in managers
    )
    assert all("(2 updates)" in subject_of(message) for _to, message in smtp.received)


def test_a_run_that_crashes_half_way_sends_each_digest_once_when_run_again(
    smtp, run_tasks, staff, managers, niger, mali, monkeypatch
):
    monkeypatch.setattr(notification_services, "EMAILS_PER_TASK", 1)
    submit_two(staff, niger, mali)
    run_tasks()
    real_bundle = notification_services.bundle
    calls = []

    def crash_on_the_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the run stops here")
        return real_bundle(*args, **kwargs)

    with (
        mock.patch.object(notification_services, "bundle", crash_on_the_second),
        pytest.raises(RuntimeError),
    ):
        notification_services.run_daily(DAY)
    assert Message.objects.count() == 1  # the first recipient's, queued before the crash
    notification_services.run_daily(DAY)
    run_tasks()
    notification_services.run_daily(DAY)
    run_tasks()
    received = sorted(address for to, _m in smtp.received for address in to)
    assert received == sorted(manager.email for manager in managers)
    assert not Notification.objects.filter(message=None).exists()


def test_an_email_whose_sending_was_cut_short_is_not_sent_again(
    smtp, run_tasks, staff, managers, niger, mali
):
    """The worker dies after the mail server took the first email of a batch but before
    it was marked sent: that one stays `sending` and no later run or retry sends it again;
    the rest of the batch, whose task died with the worker, goes out with the next run."""
    submit_two(staff, niger, mali)
    run_tasks()
    notification_services.run_daily(DAY)
    real_compose = tasks.emails.compose

    def compose_then_die(message):
        email = real_compose(message)
        email.send()
        raise SystemExit("the worker is killed")

    with mock.patch.object(tasks.emails, "compose", compose_then_die):
        run_tasks(at_most=1)
    cut_short = Message.objects.get(status=Message.Status.SENDING)
    assert len(smtp.received) == 1
    assert run_tasks() == 0  # the batch's task died with the worker
    tasks.send_messages.enqueue([cut_short.pk])  # as if queued again
    Message.objects.update(due_at=timezone.now() - datetime.timedelta(hours=2))
    notification_services.run_daily(DAY)
    run_tasks()
    received = sorted(address for to, _m in smtp.received for address in to)
    assert received == sorted(manager.email for manager in managers)
    assert DBTaskResult.objects.filter(status="READY").count() == 0
