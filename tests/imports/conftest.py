"""Files the import tests build: XLSX workbooks and CSV texts of evidence rows."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from imports import services

HEADER = [
    "Reference",
    "Country",
    "Sub-objective",
    "Date of the change",
    "Title",
    "Description of the change",
    "Level",
    "Kind of change",
    "Progress rating",
    "Source link",
]


def row(**overrides):
    """A valid row (Niger, 1.1) in the order of HEADER; keyword names are HEADER's keys."""
    values = {
        "reference": "NE-1",
        "country": "NE",
        "sub_objective": "1.1",
        "date": "2018-10-09",
        "title": "Prosecutors open cases under the penal code",
        "description": "Three cases opened in Tahoua.",
        "level": "national",
        "kind": "practice",
        "rating": "3",
        "source_url": "https://example.org/report",
    }
    values.update(overrides)
    return list(values.values())


def xlsx(rows, header=HEADER, *, title="Evidence", edit=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    if edit is not None:
        edit(workbook)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_text(rows, header=HEADER, *, delimiter=",", encoding="utf-8-sig"):
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode(encoding)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def preview(strategy):
    """`preview(user, content, name)`: a batch of that file, read."""

    def read(user, content, name="evidence.xlsx", language=""):
        upload = SimpleUploadedFile(name, content)
        batch = services.create_batch(
            user=user, strategy=strategy, upload=upload, language=language
        )
        return services.preview(batch)

    return read


def rewritten(content, path, change):
    """The XLSX `content` with the file `path` inside it replaced by `change(its bytes)`,
    or added when `path` is not there (change receives b"")."""
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            data = source.read(name)
            target.writestr(name, change(data) if name == path else data)
        if path not in names:
            target.writestr(path, change(b""))
    return stream.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
