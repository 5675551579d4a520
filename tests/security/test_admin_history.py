"""Admins see who changed what and when, and can revert to an earlier version."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from evidence.models import Evidence
from objectives.models import SubObjective
from tests.factories import EvidenceFactory, UserFactory


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def test_an_admin_sees_an_evidence_items_history(admin_client_, staff, manager):
    evidence = EvidenceFactory(author=staff, title="Law passed")
    evidence._history_user = manager
    evidence.title = "Law passed by parliament"
    evidence.save()

    response = admin_client_.get(reverse("admin:evidence_evidence_history", args=[evidence.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert evidence.history.count() == 2
    for record in evidence.history.all():
        url = reverse("admin:evidence_evidence_simple_history", args=[evidence.pk, record.pk])
        assert url in page
    assert escape(str(manager)) in page  # who made the change


def test_an_admin_reverts_a_sub_objectives_text_through_the_history_form(
    admin_client_, strategy, superuser
):
    sub = SubObjective.objects.get(objective__strategy=strategy, objective__number=1, number=2)
    original = sub.text
    sub.text = "A wrong rewording"
    sub.save()
    earlier = sub.history.earliest()
    assert earlier.text == original
    url = reverse("admin:objectives_subobjective_simple_history", args=[sub.pk, earlier.pk])

    form = admin_client_.get(url)
    assert form.status_code == 200
    assert original in form.content.decode()  # the form shows the earlier version
    response = admin_client_.post(
        url,
        {
            "objective": earlier.objective_id,
            "number": earlier.number,
            "text_en": earlier.text_en,
            "text_fr": earlier.text_fr,
            "short_title_en": earlier.short_title_en,
            "short_title_fr": earlier.short_title_fr,
        },
    )

    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.text == original
    latest = sub.history.latest()
    assert latest.text == original
    assert latest.history_user == superuser
    assert sub.history.count() == 3  # created, reworded, reverted: nothing is lost


def test_staff_cannot_open_the_admin_history(client_for, staff):
    evidence = EvidenceFactory(author=staff)
    response = client_for(staff).get(reverse("admin:evidence_evidence_history", args=[evidence.pk]))
    assert response.status_code == 302
    assert Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize("permissions", [[], ["view_evidence", "change_evidence"]])
def test_a_non_superuser_cannot_open_evidence_history_in_the_admin_even_as_is_staff(
    client_for, staff, permissions
):
    """The admin shows evidence and its history whole, outside the visibility rule: only
    admins, who are superusers, may open it, whatever permissions an account is given."""
    evidence = EvidenceFactory(author=staff, confidential=True, status=Evidence.Status.DRAFT)
    record = evidence.history.get()
    is_staff = UserFactory(username="desk", is_staff=True)
    is_staff.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client = client_for(is_staff)

    for url in [
        reverse("admin:evidence_evidence_history", args=[evidence.pk]),
        reverse("admin:evidence_evidence_simple_history", args=[evidence.pk, record.pk]),
        reverse("admin:evidence_evidence_change", args=[evidence.pk]),
        reverse("admin:evidence_transition_changelist"),
    ]:
        assert client.get(url).status_code == 403, url
    assert "/admin/evidence/" not in client.get(reverse("admin:index")).content.decode()
