"""Admins manage everything in Django admin; bad input there is a form error, not a 500."""

import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from api.models import ApiToken
from api.services import create_token
from evidence.models import Evidence, Transition
from notifications.models import Message
from notifications.tasks import send_messages
from objectives.models import Objective, SubObjective

from .factories import EvidenceFactory


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_admin_page_opens_with_demo_data(db, client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    # An email in the outbox and its queued task (the demo data notifies nobody).
    grace = User.objects.get(username="grace")
    send_messages.enqueue([Message.objects.create(recipient=grace, key="digest:2020-12-31").pk])
    # An API token (people make their own on Your account).
    create_token(user=grace, name="Power BI", expires_at=timezone.now() + timedelta(days=30))
    client.force_login(User.objects.get(username="admin"))
    failures = []
    for model in admin.site._registry:
        # Transitions are only ever written by the evidence services, emails by the
        # notifications, tasks by the task queue and tokens by their owner: no add page.
        add_status = 403 if model in (Transition, Message, DBTaskResult, ApiToken) else 200
        pages = [
            (admin_url(model, "changelist"), 200),
            (admin_url(model, "add"), add_status),
            (admin_url(model, "change", model.objects.order_by("pk").first().pk), 200),
            (admin_url(model, "history", model.objects.order_by("pk").first().pk), 200),
        ]
        for url, expected in pages:
            status = client.get(url).status_code
            if status != expected:
                failures.append(f"{url}: {status}, expected {expected}")
    assert failures == []


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def test_a_duplicate_sub_objective_code_is_a_form_error(admin_client_, strategy):
    objective = Objective.objects.get(strategy=strategy, number=1)
    sub = SubObjective.objects.get(objective=objective, number=2)
    response = admin_client_.post(
        admin_url(SubObjective, "change", sub.pk),
        {"objective": objective.pk, "number": 1, "text": sub.text, "short_title": ""},
    )
    assert response.status_code == 200
    assert "already has a sub-objective with this number" in response.content.decode()
    assert SubObjective.objects.get(pk=sub.pk).number == 2


def test_a_rating_off_the_scale_is_a_form_error(admin_client_, strategy):
    evidence = EvidenceFactory()
    data = {
        "date": evidence.date.isoformat(),
        "country": evidence.country_id,
        "sub_objective": evidence.sub_objective_id,
        "title": evidence.title,
        "description": evidence.description,
        "level": evidence.level,
        "kind": evidence.kind,
        "rating": 9,
        "source_url": evidence.source_url,
        "status": evidence.status,
        "author": evidence.author_id,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
    }
    response = admin_client_.post(admin_url(Evidence, "change", evidence.pk), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.rating == Evidence.Rating.SOME_PROGRESS
