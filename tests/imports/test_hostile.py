"""Hostile input: names and cells made to break the app or the spreadsheets it writes."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import services

from .conftest import csv_text, row


def test_a_file_name_cannot_be_a_path_or_hold_control_characters(staff, strategy):
    upload = SimpleUploadedFile("../../etc/\x07pass\x00wd.csv", csv_text([row()]))
    batch = services.create_batch(user=staff, strategy=strategy, upload=upload)
    assert batch.file_name == "passwd.csv"
    assert batch.file.name.startswith("imports/") and ".." not in batch.file.name


def test_formulas_in_rows_in_error_are_inert_in_the_download(client_for, staff, preview):
    formula = '=HYPERLINK("http://evil.test","click")'
    batch = preview(staff, csv_text([row(title=formula, date="31/02/2019")]), "e.csv")
    response = client_for(staff).get(reverse("imports:errors", args=[batch.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert '\n"=HYPERLINK' not in text and ",=HYPERLINK" not in text


def test_control_characters_in_cells_are_row_errors_not_stored(staff, preview):
    batch = preview(staff, csv_text([row(title="\x01=cmd|' /C calc'!A0")]), "e.csv")
    assert batch.errors == 1
    assert "cannot be shown or exported" in dict(batch.rows.get().problems)["Title"]


def test_an_enormous_number_of_columns(staff, preview):
    wide = [*row(), *(["x"] * 20_000)]
    batch = preview(staff, csv_text([wide]), "e.csv")
    assert batch.new == 1


def test_the_preview_page_escapes_what_the_file_holds(client_for, staff, preview):
    title = "<script>alert(1)</script>"
    batch = preview(staff, csv_text([row(title=title, rating="<b>x</b>")]), "e.csv")
    page = client_for(staff).get(batch.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
