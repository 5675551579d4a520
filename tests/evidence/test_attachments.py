"""Attachments are served only through a view that applies the evidence's own access
rules, confidentiality included, as downloads the browser will not sniff."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from evidence.models import Evidence
from tests.factories import EvidenceFactory

from .conftest import PDF_BYTES

Status = Evidence.Status


@pytest.fixture
def with_file(staff):
    def make(**kwargs):
        evidence = EvidenceFactory(author=staff, attachment_name="Rapport.pdf", **kwargs)
        evidence.attachment.save("x.pdf", ContentFile(PDF_BYTES))
        return evidence

    return make


def _url(evidence):
    return reverse("evidence:attachment", args=[evidence.pk])


def test_an_attachment_downloads_with_safe_headers(client_for, other_staff, with_file):
    evidence = with_file(status=Status.VERIFIED)
    response = client_for(other_staff).get(_url(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="Rapport.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_confidential_attachment_is_refused_to_staff_of_other_countries(
    client_for, staff, other_staff, manager, with_file
):
    evidence = with_file(status=Status.VERIFIED, confidential=True)
    assert client_for(other_staff).get(_url(evidence)).status_code == 404
    assert client_for(staff).get(_url(evidence)).status_code == 200
    assert client_for(manager).get(_url(evidence)).status_code == 200


def test_a_draft_attachment_is_served_to_its_author_alone(
    client_for, staff, other_staff, manager, with_file
):
    evidence = with_file(status=Status.DRAFT)
    assert client_for(other_staff).get(_url(evidence)).status_code == 404
    assert client_for(manager).get(_url(evidence)).status_code == 404
    assert client_for(staff).get(_url(evidence)).status_code == 200


def test_attachments_are_not_served_under_media_url(client_for, manager, with_file, settings):
    evidence = with_file(status=Status.VERIFIED)
    response = client_for(manager).get(settings.MEDIA_URL + evidence.attachment.name)
    assert response.status_code == 404
    page = client_for(manager).get(evidence.get_absolute_url()).content.decode()
    assert settings.MEDIA_URL not in page


def test_an_item_without_attachment_has_nothing_to_download(client_for, manager, staff):
    evidence = EvidenceFactory(author=staff)
    assert client_for(manager).get(_url(evidence)).status_code == 404
