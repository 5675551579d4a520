"""Reminders of the daily run: drafts untouched for N days (to their author), items waiting
for verification longer than N days (to managers), and reporting deadlines N days ahead
(to the staff of countries with nothing submitted in the period). N are settings, the
periods data; each reminder is sent once per period, however often the run is repeated."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from core.roles import COUNTRY_STAFF, MANAGERS
from evidence import services
from evidence.models import Evidence, Transition
from notifications.models import FollowedCountry, Message, Notification
from notifications.services import run_daily
from objectives.models import ReportingPeriod
from tests.factories import UserFactory

from .conftest import subject_of, text_of
from .test_delivery import data

TODAY = timezone.localdate()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def reminder_days(settings):
    settings.REMIND_DRAFTS_AFTER_DAYS = 10
    settings.REMIND_WAITING_AFTER_DAYS = 5
    settings.REMIND_DEADLINE_DAYS_BEFORE = 7


def draft_of(author, country, idle_days, **overrides):
    evidence = services.create_evidence(author=author, data=data(country, **overrides))
    Evidence.objects.filter(pk=evidence.pk).update(updated_at=days_ago(idle_days))
    return evidence


def test_a_draft_untouched_for_n_days_reminds_its_author_once_per_n_days(
    smtp, run_tasks, staff, niger
):
    old = draft_of(staff, niger, 10, title="Old draft")
    draft_of(staff, niger, 9, title="Recent draft")
    run_daily(TODAY)
    run_daily(TODAY)
    run_tasks()
    message = smtp.only_to(staff)
    since = date_format(timezone.localdate(days_ago(10)))
    assert subject_of(message) == f"Your draft “Old draft” (Niger) has not changed since {since}."
    assert f"/evidence/{old.pk}/" in text_of(message)

    def reminders_of(title):
        return sum(text_of(message).count(f"“{title}”") for message in smtp.to(staff))

    run_daily(TODAY + datetime.timedelta(days=9))
    run_tasks()
    assert (reminders_of("Old draft"), reminders_of("Recent draft")) == (1, 1)
    run_daily(TODAY + datetime.timedelta(days=10))
    run_tasks()
    assert (reminders_of("Old draft"), reminders_of("Recent draft")) == (2, 1)


def test_items_waiting_longer_than_n_days_remind_the_managers_who_follow_them(
    smtp, run_tasks, staff, manager, niger, mali, india
):
    follows_india = UserFactory(username="follows_india", groups=[MANAGERS])
    FollowedCountry.objects.create(user=follows_india, country=india)
    waiting = [
        services.create_evidence(author=staff, data=data(c, title=f"In {c}"), submit=True)
        for c in (niger, mali)
    ]
    recent = services.create_evidence(author=staff, data=data(niger, title="Recent"), submit=True)
    Transition.objects.filter(evidence__in=waiting).update(at=days_ago(6))
    Evidence.objects.filter(pk__in=[item.pk for item in waiting]).update(submitted_at=days_ago(6))
    run_tasks()
    smtp.received.clear()

    run_daily(TODAY)
    run_tasks()
    message = smtp.only_to(manager)
    assert subject_of(message) == "Reminders of evidence waiting for verification (2)"
    text = text_of(message)
    assert "“In Niger” (Niger) has waited for verification since" in text
    assert "“In Mali” (Mali)" in text and recent.title not in text
    assert not smtp.to(follows_india) and not smtp.to(staff)


def test_staff_of_a_country_with_nothing_submitted_are_reminded_before_the_deadline(
    smtp, run_tasks, strategy, niger, mali
):
    niger_staff = UserFactory(username="ne", groups=[COUNTRY_STAFF], countries=[niger])
    mali_staff = UserFactory(username="ml", groups=[COUNTRY_STAFF], countries=[mali])
    period = ReportingPeriod.objects.create(
        strategy=strategy,
        name="Q1",
        starts_on=TODAY - datetime.timedelta(days=80),
        deadline=TODAY + datetime.timedelta(days=7),
    )
    services.create_evidence(author=mali_staff, data=data(mali), submit=True)
    run_tasks()
    smtp.received.clear()

    run_daily(TODAY - datetime.timedelta(days=1))  # eight days ahead: not yet
    assert not Notification.objects.filter(kind="deadline-reminder").exists()
    run_daily(TODAY)
    run_daily(TODAY + datetime.timedelta(days=1))
    run_tasks()
    message = smtp.only_to(niger_staff)
    assert subject_of(message).startswith(
        "Nothing is submitted for Niger in the period Q1 yet: its deadline is"
    )
    assert "/evidence/new/?country=ne" in text_of(message)
    assert not smtp.to(mali_staff)
    assert Notification.objects.get(kind="deadline-reminder").object_id == period.pk


def test_a_reminder_is_left_out_once_what_it_was_about_is_done(smtp, run_tasks, staff, niger):
    evidence = draft_of(staff, niger, 10)
    run_daily(TODAY)
    services.submit_evidence(evidence=evidence, actor=staff)
    run_tasks()
    assert not smtp.to(staff)
    assert Message.objects.get(recipient=staff).status == Message.Status.EMPTY


def test_the_command_runs_for_a_day_and_a_dry_run_writes_nothing(staff, niger):
    draft_of(staff, niger, 12)
    output = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=output)
    assert "draft-reminder: 1" in output.getvalue()
    assert "1 emails would be queued" in output.getvalue()
    assert not Notification.objects.exists() and not Message.objects.exists()
    call_command("send_reminders", date=TODAY.isoformat(), stdout=output)
    assert Message.objects.get().recipient == staff
