"""The notifications benchmark (`manage.py bench_notifications`, `make bench-notifications`):

1. What notifications cost a request: submitting, returning and verifying an item through
   the whole stack (test client, every middleware), timed with the notifications' receivers
   connected and muted in alternation, beside the bare cost of queueing one task.
2. A daily run at volume: USERS people with EVENTS returns waiting for their digest; the
   time to bundle and queue the digests (`run_daily`) and to write and send them all
   through the real task worker to an SMTP server on 127.0.0.1.

Everything it makes is named synthetic-notify-…: run it on a database of its own.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Assignment
from evidence import services
from evidence.models import Evidence, Transition
from notifications import services as notification_services
from notifications.models import Delivery, Message, Notification
from notifications.receivers import muted
from notifications.tasks import fan_out
from objectives.models import SubObjective
from progress import rollup

from . import volume

PREFIX = "synthetic-notify-"
MANAGER_COUNT = 10


def percentile(values, percent):
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


def _user(name, groups, **fields):
    user, _ = User.objects.get_or_create(
        username=f"{PREFIX}{name}", defaults={"email": f"{name}@example.invalid", **fields}
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def people(strategy):
    """(author, acting manager) and the managers who hear of submissions."""
    country = strategy.target_countries.order_by("code").first()
    author = _user("author", [COUNTRY_STAFF])
    Assignment.objects.get_or_create(user=author, country=country)
    managers = [_user(f"manager-{n}", [MANAGERS]) for n in range(MANAGER_COUNT)]
    return author, managers[0], country


def _draft(author, country, strategy):
    return services.create_evidence(
        author=author,
        data={
            "date": timezone.localdate().replace(year=strategy.last_year),
            "country": country,
            "sub_objective": SubObjective.objects.of_strategy(strategy).first(),
            "title": "Benchmark item",
            "description": "Made by bench_notifications.",
            "level": Evidence.Level.NATIONAL,
            "kind": Evidence.Kind.LAW,
            "rating": Evidence.Rating.SOME_PROGRESS,
            "source_url": "https://example.invalid/bench",
        },
    )


def one_round(clients, author, country, strategy):
    """{action: ms} of submitting, returning and verifying one item as users do."""
    staff, manager = clients
    item = _draft(author, country, strategy)
    times = {"submit": timed(staff.post, reverse("evidence:submit", args=[item.pk]))}
    times["return"] = timed(
        manager.post, reverse("evidence:return", args=[item.pk]), {"reason": "Add a source."}
    )
    staff.post(reverse("evidence:submit", args=[item.pk]))
    times["verify"] = timed(manager.post, reverse("evidence:verify", args=[item.pk]))
    if Evidence.objects.get(pk=item.pk).status != Evidence.Status.VERIFIED:
        raise RuntimeError("the benchmark's item was not verified")
    return times


def _enqueue_one():
    with transaction.atomic():
        fan_out.enqueue("submitted", 0)


def request_costs(strategy, rounds):
    """{(action, "on"|"off"): [ms, …]} with notifications on and muted in alternation,
    and ("queue", "on"): the bare insert of one task."""
    author, manager, country = people(strategy)
    clients = (Client(), Client())
    clients[0].force_login(author)
    clients[1].force_login(manager)
    one_round(clients, author, country, strategy)  # warm up
    samples = {}
    for n in range(rounds):
        for mode in ("on", "off") if n % 2 else ("off", "on"):
            if mode == "off":
                with muted():
                    times = one_round(clients, author, country, strategy)
            else:
                times = one_round(clients, author, country, strategy)
            for action, ms in times.items():
                samples.setdefault((action, mode), []).append(ms)
        samples.setdefault(("queue", "on"), []).append(timed(_enqueue_one))
    DBTaskResult.objects.all().delete()  # nothing of this is to be sent
    return samples


def _recipients(count, country):
    staff = Group.objects.get(name=COUNTRY_STAFF)
    users = User.objects.bulk_create(
        User(
            username=f"{PREFIX}user-{n}",
            email=f"user-{n}@example.invalid",
            first_name=f"User {n}",
            language="fr" if n % 2 else "en",
        )
        for n in range(count)
    )
    users = list(User.objects.filter(username__startswith=f"{PREFIX}user-").order_by("pk"))
    staff.user_set.add(*users)
    Assignment.objects.bulk_create(Assignment(user=user, country=country) for user in users)
    return users


def waiting_digests(strategy, users, events):
    """`events` returns of items spread over `users` (`events / users` each), all waiting
    for their recipients' daily digest."""
    country = strategy.target_countries.order_by("code").first()
    recipients = _recipients(users, country)
    manager = people(strategy)[1]
    volume.generate(events, strategy=strategy, seed=18)
    items = list(volume.synthetic_evidence().order_by("pk"))
    for n, item in enumerate(items):
        item.author, item.status = recipients[n % users], Evidence.Status.RETURNED
    Evidence.objects.bulk_update(items, ["author", "status"], batch_size=1000)
    rollup.rebuild()  # a bulk update bypasses the summary's receivers
    now = timezone.now()
    transitions = Transition.objects.bulk_create(
        Transition(evidence=item, actor=manager, from_status="submitted", to_status="returned",
                   reason="Add the partner's report.", at=now)
        for item in items
    )  # fmt: skip
    Notification.objects.bulk_create(
        (
            Notification(recipient_id=t.evidence.author_id, kind="returned",
                         key=f"returned:{t.pk}", evidence=t.evidence, object_id=t.pk,
                         delivery=Delivery.DAILY)
            for t in transitions
        ),
        batch_size=1000,
    )  # fmt: skip


def digest_run(smtp_settings):
    """(ms to bundle and queue the digests, ms to send them all, emails sent)."""
    queue_ms = timed(notification_services.run_daily)
    with override_settings(**smtp_settings):
        send_ms = timed(
            call_command,
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            queue_name="*",
            verbosity=0,
        )
    return queue_ms, send_ms, Message.objects.filter(status=Message.Status.SENT).count()
