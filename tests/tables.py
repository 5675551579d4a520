"""Reading the app's CSV and XLSX downloads back, as a spreadsheet program would."""

import csv
import io
from dataclasses import dataclass

from openpyxl import load_workbook


@dataclass
class Download:
    title: str
    notes: list
    header: list
    rows: list
    # XLSX only: every cell as openpyxl reads it, to check types and layout.
    sheet: object = None


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _split(lines):
    """Title, notes, a blank line, the header and rows (core.exports' layout)."""
    blank = next(i for i, line in enumerate(lines) if not any(str(v).strip() for v in line))
    return lines[0][0], [line[0] for line in lines[1:blank]], lines[blank + 1], lines[blank + 2 :]


def read_download(response):
    """The table in a CSV or XLSX response, values as text (CSV) or typed (XLSX)."""
    body = body_of(response)
    if response["Content-Type"].startswith("text/csv"):
        lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        return Download(*_split(lines))
    sheet = load_workbook(io.BytesIO(body)).active
    lines = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    return Download(*_split(lines), sheet=sheet)


def formula_cells(download):
    """Coordinates of the cells of an XLSX download that a spreadsheet would run."""
    return [c.coordinate for row in download.sheet.iter_rows() for c in row if c.data_type == "f"]
