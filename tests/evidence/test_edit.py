"""Editing: authors change their drafts and returned items; a save based on an older
version than the one saved is refused (no lost updates)."""

from django.urls import reverse

from evidence import services
from evidence.models import Evidence
from tests.factories import EvidenceFactory

from .conftest import PNG_BYTES, upload

Status = Evidence.Status


def _edit_url(evidence):
    return reverse("evidence:edit", args=[evidence.pk])


def test_the_edit_form_carries_the_version(client_for, staff):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT, version=4)
    html = client_for(staff).get(_edit_url(draft)).content.decode()
    assert 'type="hidden" name="version" value="4"' in html


def test_an_author_edits_a_returned_item_and_resubmits_it(client_for, staff, evidence_data):
    returned = EvidenceFactory(author=staff, status=Status.RETURNED)
    response = client_for(staff).post(
        _edit_url(returned),
        evidence_data(title="Better sourced", action="submit", version=str(returned.version)),
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.title == "Better sourced"
    assert returned.status == Status.SUBMITTED


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_the_typed_input(
    client_for, staff, evidence_data
):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT, title="Original")
    loaded_version = draft.version
    # Someone else (the same author in another tab) saves first.
    services.update_evidence(
        evidence=Evidence.objects.get(pk=draft.pk),
        actor=staff,
        version=loaded_version,
        data={"title": "Saved in the other tab"},
    )
    response = client_for(staff).post(
        _edit_url(draft),
        {
            **evidence_data(title="Typed in this tab", version=str(loaded_version)),
            "attachment": upload("scan.png", PNG_BYTES),
        },
    )
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.title == "Saved in the other tab"
    assert not draft.attachment
    html = response.content.decode()
    assert "someone else saved this evidence after you opened it" in html
    assert 'value="Typed in this tab"' in html
    stale = response.context["stale_changes"]
    changes = {str(label): (saved, typed) for label, saved, typed in stale}
    assert changes["title"] == ("Saved in the other tab", "Typed in this tab")
    # The form now carries the version just shown, so saving again is a knowing choice.
    assert f'name="version" value="{draft.version}"' in html
    assert "Your file was not kept" in " ".join(response.context["form"].errors["attachment"])


def test_saving_again_after_a_conflict_replaces_the_saved_version(client_for, staff, evidence_data):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT)
    services.update_evidence(
        evidence=Evidence.objects.get(pk=draft.pk),
        actor=staff,
        version=draft.version,
        data={"title": "Other tab"},
    )
    client = client_for(staff)
    first = client.post(_edit_url(draft), evidence_data(title="Mine", version=str(draft.version)))
    version_shown = first.context["form"]["version"].value()
    second = client.post(_edit_url(draft), evidence_data(title="Mine", version=str(version_shown)))
    assert second.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Mine"


def test_a_missing_version_is_treated_as_stale(client_for, staff, evidence_data):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT, title="Kept")
    response = client_for(staff).post(_edit_url(draft), evidence_data(title="Lost?"))
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.title == "Kept"


def test_an_attachment_can_be_replaced_and_removed(client_for, staff, evidence_data):
    client = client_for(staff)
    client.post(reverse("evidence:new"), {**evidence_data(), "attachment": upload()})
    evidence = Evidence.objects.get()
    first_name = evidence.attachment.name
    client.post(
        _edit_url(evidence),
        {**evidence_data(version=str(evidence.version)), "attachment": upload("p.png", PNG_BYTES)},
    )
    evidence.refresh_from_db()
    assert evidence.attachment.name != first_name and evidence.attachment_name == "p.png"
    client.post(
        _edit_url(evidence),
        evidence_data(version=str(evidence.version), remove_attachment="on"),
    )
    evidence.refresh_from_db()
    assert not evidence.attachment and evidence.attachment_name == ""


def test_saving_without_a_new_file_keeps_the_attachment(client_for, staff, evidence_data):
    client = client_for(staff)
    client.post(reverse("evidence:new"), {**evidence_data(), "attachment": upload()})
    evidence = Evidence.objects.get()
    stored = evidence.attachment.name
    client.post(_edit_url(evidence), evidence_data(title="New", version=str(evidence.version)))
    evidence.refresh_from_db()
    assert evidence.title == "New"
    assert evidence.attachment.name == stored


def test_a_tampered_version_is_an_error_not_a_500(client_for, staff, evidence_data):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT, title="Kept")
    response = client_for(staff).post(_edit_url(draft), evidence_data(version="abc"))
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Kept"


def test_the_edit_form_names_the_current_attachment(client_for, staff, evidence_data):
    client = client_for(staff)
    client.post(reverse("evidence:new"), {**evidence_data(), "attachment": upload("Scan.pdf")})
    html = client.get(_edit_url(Evidence.objects.get())).content.decode()
    assert "Current file: Scan.pdf." in html
    assert "Remove the current attachment" in html
