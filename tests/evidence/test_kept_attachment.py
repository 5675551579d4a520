"""A file that passed its checks is kept on the server when another field has an error,
so that nobody uploads it twice over a slow link: the re-shown form carries a signed
token that only its uploader can use, and kept files are deleted once used or stale."""

import datetime
import re

from django.core import signing
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from countries.models import Assignment
from evidence import attachments
from evidence.models import Evidence

from .conftest import PDF_BYTES, upload

NEW = reverse("evidence:new")


def _token(response):
    return re.search(r'name="kept_attachment" value="([^"]+)"', response.content.decode())[1]


def _kept_files():
    try:
        return default_storage.listdir(attachments.KEPT_FOLDER)[1]
    except FileNotFoundError:
        return []


def test_a_kept_file_is_saved_with_the_evidence_once_the_error_is_corrected(
    client_for, staff, evidence_data
):
    client = client_for(staff)
    first = client.post(NEW, {**evidence_data(title=""), "attachment": upload("Rapport été.pdf")})
    assert first.status_code == 200
    assert "Kept from your last try: Rapport été.pdf" in first.content.decode()
    assert len(_kept_files()) == 1

    client.post(NEW, evidence_data(kept_attachment=_token(first)))

    evidence = Evidence.objects.get()
    assert evidence.attachment_name == "Rapport été.pdf"
    assert evidence.attachment.read() == PDF_BYTES
    assert not evidence.attachment.name.startswith(attachments.KEPT_FOLDER)
    assert _kept_files() == []


def test_a_refused_file_is_not_kept(client_for, staff, evidence_data):
    response = client_for(staff).post(
        NEW, {**evidence_data(title=""), "attachment": upload("x.pdf", b"MZ\x90\x00" * 40)}
    )
    assert response.context["form"].errors["attachment"]
    assert 'name="kept_attachment" value="' not in response.content.decode()
    assert _kept_files() == []


def test_another_user_cannot_use_a_kept_file(client_for, staff, other_staff, evidence_data, niger):
    first = client_for(staff).post(NEW, {**evidence_data(title=""), "attachment": upload()})
    token = _token(first)
    Assignment.objects.create(user=other_staff, country=niger)

    client_for(other_staff).post(NEW, evidence_data(kept_attachment=token))

    assert not Evidence.objects.get().attachment


def test_a_tampered_token_attaches_nothing(client_for, staff, evidence_data):
    forged = signing.dumps({"user": staff.pk, "file": "evidence/someone-elses.pdf", "name": "x"})
    client_for(staff).post(NEW, evidence_data(kept_attachment=forged))
    client_for(staff).post(NEW, evidence_data(kept_attachment="not a token", title="Second"))
    assert not any(item.attachment for item in Evidence.objects.all())
    assert Evidence.objects.count() == 2


def test_kept_files_are_deleted_when_stale(client_for, staff, evidence_data):
    client_for(staff).post(NEW, {**evidence_data(title=""), "attachment": upload()})
    assert attachments.delete_stale_kept(timezone.now()) == 0
    later = timezone.now() + attachments.KEPT_FOR + datetime.timedelta(minutes=1)
    assert attachments.delete_stale_kept(later) == 1
    assert _kept_files() == []
