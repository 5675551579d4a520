"""The import pages: who may use them, upload → preview → confirm → undo, downloads."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from evidence.models import Evidence
from imports.models import Batch

from .conftest import csv_text, row, xlsx

INDEX = reverse("imports:index")


def upload(client, content, name="evidence.xlsx", strategy=None, **extra):
    data = {"file": SimpleUploadedFile(name, content), **extra}
    if strategy is not None:
        data["strategy"] = strategy.pk
    return client.post(INDEX, data)


@pytest.fixture
def batch(client_for, staff, strategy):
    client = client_for(staff)
    response = upload(
        client, xlsx([row(), row(reference="NE-2", rating="seven")]), strategy=strategy
    )
    return Batch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_only_staff_with_countries_import(client_for, outsider, manager, strategy, client):
    assert client.get(INDEX).status_code == 302  # to sign in
    assert client_for(outsider).get(INDEX).status_code == 403
    assert client_for(manager).get(INDEX).status_code == 403
    url = reverse("imports:template", args=[strategy.slug, "xlsx"])
    assert client_for(outsider).get(url).status_code == 403


def test_a_batch_is_seen_by_its_importer_alone(client_for, batch, other_staff, outsider, manager):
    for user in (other_staff, outsider, manager):
        client = client_for(user)
        for name in ("imports:batch", "imports:confirm", "imports:undo"):
            response = client.post(reverse(name, args=[batch.pk]))
            assert response.status_code == 404, (user, name)
        assert client.get(reverse("imports:errors", args=[batch.pk, "csv"])).status_code == 404
        assert batch.file_name not in client.get(INDEX).content.decode()


def test_upload_shows_the_preview_with_row_errors(client_for, staff, batch):
    assert batch.status == Batch.Status.PREVIEWED
    page = client_for(staff).get(batch.get_absolute_url()).content.decode()
    assert "Nothing is saved yet." in page
    assert "Select a valid choice. seven is not one of the available choices." in page
    assert "Import 1 row" in page
    errors_only = client_for(staff).get(batch.get_absolute_url() + "?status=error")
    assert "NE-2" in errors_only.content.decode()
    assert ">NE-1<" not in errors_only.content.decode()
    assert not Evidence.objects.exists()


def test_confirm_then_undo(client_for, staff, batch):
    client = client_for(staff)
    response = client.post(reverse("imports:confirm", args=[batch.pk]), {"submit_all": "on"})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.status == Evidence.Status.SUBMITTED
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "1 item imported." in page and "Undo this import" in page
    assert evidence.get_absolute_url() in page
    client.post(reverse("imports:undo", args=[batch.pk]))
    assert not Evidence.objects.exists()


def test_drafts_reach_the_home_page(client_for, staff, batch):
    client = client_for(staff)
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert "Prosecutors open cases under the penal code" in client.get("/").content.decode()


def test_the_rows_in_error_download_and_upload_again(client_for, staff, batch, strategy):
    client = client_for(staff)
    response = client.get(reverse("imports:errors", args=[batch.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows())
    header = next([cell.value for cell in r] for r in rows if r[0].value == "Reference")
    (in_error,) = [r for r in rows if r[0].value == "NE-2"]
    assert "Progress rating: Select a valid choice" in in_error[-1].value
    in_error[header.index("Progress rating")].value = "Some progress"
    workbook.save(stream := io.BytesIO())
    again = upload(client, stream.getvalue(), strategy=strategy)
    assert Batch.objects.get(pk=again.url.split("/")[-2]).new == 1


def test_upload_errors_are_next_to_the_field(client_for, staff, strategy, settings):
    client = client_for(staff)
    missing = client.post(INDEX, {"strategy": strategy.pk})
    assert missing.status_code == 400
    assert "Choose the file to import." in missing.content.decode()
    settings.IMPORT_MAX_BYTES = 10
    large = upload(client, b"x" * 11, "e.csv", strategy=strategy)
    assert "The file is too large" in large.content.decode()
    assert not Batch.objects.exists()


def test_the_xlsx_template(client_for, staff, strategy):
    response = client_for(staff).get(reverse("imports:template", args=[strategy.slug, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Evidence", "Lists", "Notes"]
    data = workbook["Evidence"]
    assert data["A1"].value == "Reference" and data["B1"].value == "Country"
    formulas = {
        str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation
    }
    assert set(formulas) >= {"B2", "C2", "G2", "H2", "I2"}
    countries = [c.value for c in workbook["Lists"]["A"][1:] if c.value]
    assert countries == ["Mali", "Niger"]  # only the importer's countries
    notes = " ".join(str(c.value) for r in workbook["Notes"].iter_rows() for c in r if c.value)
    assert "Your office's own id" in notes


def test_the_template_filled_in_imports(client_for, staff, strategy):
    client = client_for(staff)
    response = client.get(reverse("imports:template", args=[strategy.slug, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    workbook["Evidence"].append(
        [
            "NE-7",
            "Niger",
            "1.1 x",
            "09/10/2018",
            "T",
            "D",
            "National",
            "Law adopted or amended",
            "Some progress",
            "https://example.org",
            "",
            "Yes",
            "No",
            "",
            "",
            "",
            "No",
        ]
    )
    workbook.save(stream := io.BytesIO())
    batch_url = upload(client, stream.getvalue(), strategy=strategy).url
    batch = Batch.objects.get(pk=batch_url.split("/")[-2])
    assert batch.new == 1, list(batch.rows.values("problems"))


def test_the_csv_template_in_french_reads_back(client_for, staff, strategy):
    staff.language = "fr"
    staff.save()
    client = client_for(staff)
    response = client.get(reverse("imports:template", args=[strategy.slug, "csv"]))
    text = b"".join(response.streaming_content)
    assert "Référence,Pays,Sous-objectif".encode() in text
    content = text + csv_text([row()], header=[]).replace(b"\xef\xbb\xbf", b"")
    batch_url = upload(client, content, "modele.csv", strategy=strategy).url
    assert Batch.objects.get(pk=batch_url.split("/")[-2]).new == 1


def test_large_files_go_to_the_worker(client_for, staff, strategy, settings, run_queued_tasks):
    settings.IMPORT_BACKGROUND_BYTES = 0
    client = client_for(staff)
    url = upload(client, xlsx([row()]), strategy=strategy).url
    batch = Batch.objects.get(pk=url.split("/")[-2])
    assert batch.status == Batch.Status.QUEUED
    page = client.get(url).content.decode()
    assert "<progress" in page and "Check again" in page
    run_queued_tasks()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.PREVIEWED and batch.new == 1
    (email,) = mail.outbox  # the preview waits for its importer: they hear of it
    assert email.to == [staff.email]
    assert "Your import of evidence.xlsx is read: 1 new" in email.body
    assert batch.get_absolute_url() in email.body
    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == Batch.Status.IMPORTING
    run_queued_tasks()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.IMPORTED and Evidence.objects.count() == 1
