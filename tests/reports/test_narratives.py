"""Narratives: a country's staff write one per year, a manager approves it or returns it
with a reason; every step is recorded; only those who may see a narrative read it."""

import pytest
from django.urls import reverse

from reports.models import Narrative, NarrativeTransition

from ..factories import UserFactory

Status = Narrative.Status


def edit_url(country, year, strategy):
    url = reverse("reports:narrative_edit", args=[country.code.code.lower(), year])
    return f"{url}?strategy={strategy.slug}"


@pytest.fixture
def submitted(client_for, staff, niger, strategy):
    client_for(staff).post(
        edit_url(niger, 2018, strategy),
        {"text_en": "Prosecutions began.", "text_fr": "", "version": 0, "submit": ""},
    )
    return Narrative.objects.get(country=niger, year=2018)


def test_staff_write_a_draft_then_submit_it(client_for, staff, niger, strategy):
    client = client_for(staff)
    response = client.post(
        edit_url(niger, 2018, strategy),
        {"text_en": "A first draft.", "text_fr": "Un brouillon.", "version": 0, "save": ""},
    )
    narrative = Narrative.objects.get(country=niger, year=2018)
    assert response.status_code == 302
    assert (narrative.status, narrative.text_fr) == (Status.DRAFT, "Un brouillon.")
    client.post(
        edit_url(niger, 2018, strategy),
        {"text_en": "Final.", "text_fr": "", "version": narrative.version, "submit": ""},
    )
    narrative.refresh_from_db()
    assert (narrative.status, narrative.text_en, narrative.author) == (
        Status.SUBMITTED,
        "Final.",
        staff,
    )
    steps = list(narrative.transitions.values_list("from_status", "to_status"))
    assert steps == [("", Status.DRAFT), (Status.DRAFT, Status.SUBMITTED)]


def test_a_narrative_needs_text_in_one_language_and_keeps_the_input(
    client_for, staff, niger, strategy
):
    response = client_for(staff).post(
        edit_url(niger, 2018, strategy), {"text_en": " ", "text_fr": "", "version": 0}
    )
    assert response.status_code == 200
    assert "Write the narrative in English, French or both." in response.content.decode()
    assert not Narrative.objects.exists()


def test_hostile_text_is_refused_next_to_the_field(client_for, staff, niger, strategy):
    response = client_for(staff).post(
        edit_url(niger, 2018, strategy),
        {"text_en": "=HYPERLINK(\x01)", "text_fr": "", "version": 0},
    )
    assert response.status_code == 200
    assert "cannot be shown or exported" in response.content.decode()
    assert "=HYPERLINK" in response.content.decode()
    assert not Narrative.objects.exists()


def test_a_stale_edit_is_refused_and_keeps_the_input(client_for, staff, niger, strategy):
    client = client_for(staff)
    client.post(edit_url(niger, 2018, strategy), {"text_en": "One.", "version": 0})
    response = client.post(edit_url(niger, 2018, strategy), {"text_en": "Two.", "version": 0})
    assert "Someone saved this narrative" in response.content.decode()
    assert Narrative.objects.get().text_en == "One."


@pytest.mark.parametrize("user", ["other_staff", "manager", "outsider"])
def test_only_the_countrys_staff_write_its_narrative(client_for, request, niger, strategy, user):
    response = client_for(request.getfixturevalue(user)).post(
        edit_url(niger, 2018, strategy), {"text_en": "Not mine.", "version": 0}
    )
    assert response.status_code == 403
    assert not Narrative.objects.exists()


def test_a_year_outside_the_strategy_is_not_found(client_for, staff, niger, strategy):
    assert client_for(staff).get(edit_url(niger, 2031, strategy)).status_code == 404


def test_a_manager_returns_a_narrative_with_a_reason_then_approves_it(
    client_for, manager, staff, submitted, strategy, niger
):
    client = client_for(manager)
    no_reason = client.post(
        reverse("reports:narrative_return", args=[submitted.pk]), {"reason": ""}
    )
    assert no_reason.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    client.post(
        reverse("reports:narrative_return", args=[submitted.pk]), {"reason": "Add the dates."}
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    page = client_for(staff).get(edit_url(niger, 2018, strategy)).content.decode()
    assert "Add the dates." in page
    client_for(staff).post(
        edit_url(niger, 2018, strategy),
        {"text_en": "With dates.", "version": submitted.version, "submit": ""},
    )
    client_for(manager).post(reverse("reports:narrative_approve", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert NarrativeTransition.objects.filter(
        narrative=submitted, to_status=Status.RETURNED, reason="Add the dates.", actor=manager
    ).exists()


def test_an_approved_narrative_cannot_be_edited(
    client_for, manager, staff, submitted, strategy, niger
):
    client_for(manager).post(reverse("reports:narrative_approve", args=[submitted.pk]))
    response = client_for(staff).post(
        edit_url(niger, 2018, strategy), {"text_en": "Changed.", "version": 2}
    )
    assert response.status_code == 403


def test_managers_never_approve_a_narrative_they_submitted(client_for, niger, strategy):
    both = UserFactory(groups=["Managers", "Country staff"], countries=[niger])
    client = client_for(both)
    client.post(edit_url(niger, 2018, strategy), {"text_en": "Mine.", "version": 0, "submit": ""})
    narrative = Narrative.objects.get()
    assert client.post(reverse("reports:narrative_approve", args=[narrative.pk])).status_code == 403


def test_staff_approve_nothing(client_for, staff, submitted):
    response = client_for(staff).post(reverse("reports:narrative_approve", args=[submitted.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("user", ["other_staff", "outsider"])
def test_a_submitted_narrative_is_not_found_by_other_staff_nor_users_without_a_role(
    client_for, request, submitted, user
):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("reports:narrative", args=[submitted.pk])).status_code == 404
    listing = client.get(reverse("reports:narratives"))
    assert b"Prosecutions began." not in listing.content


def test_an_approved_narrative_is_read_by_everyone_with_a_role(
    client_for, manager, other_staff, submitted
):
    client_for(manager).post(reverse("reports:narrative_approve", args=[submitted.pk]))
    response = client_for(other_staff).get(reverse("reports:narrative", args=[submitted.pk]))
    assert response.status_code == 200
    assert "Prosecutions began." in response.content.decode()


def test_the_narratives_page_offers_staff_their_countries_and_managers_the_queue(
    client_for, staff, manager, submitted, strategy
):
    staff_page = client_for(staff).get(reverse("reports:narratives"))
    assert [str(row["country"]) for row in staff_page.context["rows"]] == ["Mali", "Niger"]
    manager_page = client_for(manager).get(reverse("reports:narratives"))
    assert manager_page.context["waiting"] == [submitted]
    assert len(manager_page.context["rows"]) == 10


def test_users_without_a_role_are_refused_the_narratives_page(client_for, outsider, strategy):
    assert client_for(outsider).get(reverse("reports:narratives")).status_code == 403
