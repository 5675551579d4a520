"""Who may do what, proved refusal by refusal: 404 when the user may not see an item,
403 when they may see it but not act on it."""

import pytest
from django.urls import reverse

from core.roles import COUNTRY_STAFF, MANAGERS
from evidence.models import Evidence
from tests.factories import EvidenceFactory, UserFactory

Status = Evidence.Status


@pytest.fixture
def draft(staff, niger, sub_objective):
    return EvidenceFactory(author=staff, country=niger, status=Status.DRAFT)


def test_anonymous_visitors_are_sent_to_sign_in(client, draft):
    for url in [
        reverse("home"),
        reverse("evidence:list"),
        reverse("evidence:new"),
        reverse("evidence:queue"),
        reverse("evidence:detail", args=[draft.pk]),
        reverse("evidence:edit", args=[draft.pk]),
        reverse("evidence:attachment", args=[draft.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("name", ["list", "new", "queue"])
def test_outsiders_are_refused_the_evidence_pages(client_for, outsider, name):
    assert client_for(outsider).get(reverse(f"evidence:{name}")).status_code == 403


@pytest.mark.parametrize("name", ["detail", "edit", "attachment"])
def test_outsiders_cannot_see_any_item(client_for, outsider, name, staff):
    verified = EvidenceFactory(author=staff, status=Status.VERIFIED)
    url = reverse(f"evidence:{name}", args=[verified.pk])
    assert client_for(outsider).get(url).status_code == 404


@pytest.mark.parametrize("name", ["submit", "verify", "return"])
def test_outsiders_cannot_act_on_any_item(client_for, outsider, name, staff):
    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED)
    response = client_for(outsider).post(reverse(f"evidence:{name}", args=[submitted.pk]))
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_staff_cannot_see_others_drafts(client_for, other_staff, draft):
    client = client_for(other_staff)
    assert client.get(reverse("evidence:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("evidence:edit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("evidence:submit", args=[draft.pk])).status_code == 404


def test_staff_cannot_log_evidence_for_a_country_they_are_not_assigned_to(client_for, staff):
    assert client_for(staff).get(reverse("evidence:new"), {"country": "in"}).status_code == 403


def test_staff_without_countries_cannot_log_evidence(client_for, db, strategy):
    unassigned = UserFactory(groups=[COUNTRY_STAFF])
    assert client_for(unassigned).get(reverse("evidence:new")).status_code == 403


def test_managers_cannot_log_evidence(client_for, manager):
    assert client_for(manager).get(reverse("evidence:new")).status_code == 403


def test_staff_cannot_edit_or_submit_evidence_of_a_country_no_longer_assigned(
    client_for, staff, niger, draft, evidence_data
):
    staff.country_assignments.filter(country=niger).delete()
    client = client_for(staff)
    assert client.get(reverse("evidence:edit", args=[draft.pk])).status_code == 403
    response = client.post(reverse("evidence:edit", args=[draft.pk]), evidence_data(version="1"))
    assert response.status_code == 403
    assert client.post(reverse("evidence:submit", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.title != "Prosecutors open cases under the penal code"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.VERIFIED])
def test_submitted_and_verified_items_are_read_only_for_their_author(
    client_for, staff, status, evidence_data
):
    evidence = EvidenceFactory(author=staff, status=status)
    client = client_for(staff)
    assert client.get(evidence.get_absolute_url()).status_code == 200
    assert client.get(reverse("evidence:edit", args=[evidence.pk])).status_code == 403
    response = client.post(
        reverse("evidence:edit", args=[evidence.pk]), evidence_data(version=str(evidence.version))
    )
    assert response.status_code == 403
    assert client.post(reverse("evidence:submit", args=[evidence.pk])).status_code == 403


def test_staff_cannot_verify_or_return(client_for, staff, other_staff):
    submitted = EvidenceFactory(author=other_staff, status=Status.SUBMITTED)
    client = client_for(staff)
    assert client.post(reverse("evidence:verify", args=[submitted.pk])).status_code == 403
    response = client.post(reverse("evidence:return", args=[submitted.pk]), {"reason": "No."})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_managers_cannot_see_others_drafts(client_for, manager, draft):
    client = client_for(manager)
    for name in ["detail", "edit"]:
        assert client.get(reverse(f"evidence:{name}", args=[draft.pk])).status_code == 404, name
    assert client.post(reverse("evidence:submit", args=[draft.pk])).status_code == 404


def test_managers_cannot_edit_others_evidence(client_for, manager, staff, evidence_data):
    returned = EvidenceFactory(author=staff, status=Status.RETURNED)
    client = client_for(manager)
    assert client.get(returned.get_absolute_url()).status_code == 200
    assert client.get(reverse("evidence:edit", args=[returned.pk])).status_code == 403
    response = client.post(reverse("evidence:edit", args=[returned.pk]), evidence_data(version="1"))
    assert response.status_code == 403
    assert client.post(reverse("evidence:submit", args=[returned.pk])).status_code == 403
    returned.refresh_from_db()
    assert returned.status == Status.RETURNED


def test_a_manager_cannot_verify_evidence_they_wrote(client_for, niger):
    both = UserFactory(groups=[COUNTRY_STAFF, MANAGERS], countries=[niger])
    own = EvidenceFactory(author=both, status=Status.SUBMITTED)
    client = client_for(both)
    assert client.post(reverse("evidence:verify", args=[own.pk])).status_code == 403
    response = client.post(reverse("evidence:return", args=[own.pk]), {"reason": "Mine."})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED
    assert "another manager must verify it" in client.get(own.get_absolute_url()).content.decode()


def test_confidential_evidence_is_hidden_from_staff_of_other_countries(
    client_for, staff, other_staff
):
    secret = EvidenceFactory(author=staff, confidential=True, status=Status.VERIFIED)
    assert client_for(other_staff).get(secret.get_absolute_url()).status_code == 404
