"""Every download of a table in the app, as CSV or XLSX, goes through this module.

A table is a title, optional lines that say what it holds (an as-of date, a key), a
header of columns and rows of plain values. Each text value passes through `cell` on its
way out, in this order:

1. characters a spreadsheet cannot hold are removed (control characters, which XLSX
   refuses and which would otherwise make the download fail);
2. text that a spreadsheet program would run as a formula (starting with =, +, -, @, a tab
   or a carriage return, also after leading spaces) is prefixed with an apostrophe,
   which spreadsheet programs show as text.

Order matters: a check that looked at the first character before removing the control
characters in front of it would let `\x01=HYPERLINK(…)` through as a formula. In XLSX
every text cell is also written as a string, never as a formula.

CSV is streamed row by row: its first bytes leave before the query runs. XLSX is written
row by row to a temporary file (`write_xlsx`), so neither holds a large table in memory.
"""

import csv
import datetime
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rustpy_xlsxwriter import Format, write_worksheet

from .text import strip_control

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
# Excel's limit on a sheet's name.
SHEET_TITLE_LENGTH = 31
TRUNCATED = _(
    "Excel holds at most 1,048,576 rows: the rows after this one are left out. "
    "Download the CSV for all of them."
)


def cell(value):
    """A value as it may safely go into a spreadsheet (see the module's docstring)."""
    if value.__class__ is str:  # most values: the quickest test first
        return _text(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets have no time zones: the time as the organisation reads it.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return _text(str(value))
    return value


def _text(value):
    if not value.isprintable():  # (a control character is never printable)
        value = strip_control(value, multiline=True)
    first = value[:1]
    if first in FORMULA_STARTS or (first.isspace() and value.lstrip()[:1] in FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    label: str
    width: int = 14  # in characters, as spreadsheet programs measure it
    wrap: bool = False
    # How XLSX shows the column's dates (DATE or DATETIME); other dates show as DATETIME.
    number_format: str | None = None


@dataclass
class Table:
    """A table to download. `rows` may be a generator: it is read once, as it is written."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    # Lines between the title and the header: what the table holds, as of when, a key.
    notes: Sequence[str] = field(default_factory=list)

    def header(self):
        return [str(column.label) for column in self.columns]


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(table):
    """The table as CSV lines: a byte-order mark (so spreadsheet programs read UTF-8), the
    title and notes each on a line, a blank line, the header, the rows."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([cell(str(table.title))])
    for note in table.notes:
        yield writer.writerow([cell(str(note))])
    yield writer.writerow([])
    yield writer.writerow([cell(label) for label in table.header()])
    for row in table.rows:
        yield writer.writerow([cell(value) for value in row])


# Excel's limits: rows of a sheet (a longer table is cut short, with a note in its last
# row) and characters of a cell (a longer text is cut, with an ellipsis).
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_LENGTH = 32_767
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"


def write_xlsx(table, stream):
    """Write the table as an XLSX workbook to a binary stream: a bold title and the notes
    across the sheet, a blank row, then a frozen, filterable header over columns of the
    given widths and formats.

    rust_xlsxwriter (through rustpy-xlsxwriter) writes the rows as they come to a file of
    its own, then copies it to `stream`: memory stays flat whatever the size, and it writes
    100,000 rows about fifteen times faster than XlsxWriter's constant-memory mode
    (docs/performance.md). Text is always written as a string, never as a formula."""
    labels = [_xlsx_text(label) for label in table.header()]
    if len(set(labels)) != len(labels):
        raise ValueError(f"Two columns share a label in {table.title!r}: {labels}")
    header_row = len(table.notes) + 2  # title, notes, a blank row, then the header (from 0)
    last_column = max(len(labels) - 1, 1)
    lines = [
        (0, 0, 0, last_column, _xlsx_text(table.title), Format().set_bold().set_font_size(14)),
        *((row, 0, row, last_column, _xlsx_text(note)) for row, note in enumerate(table.notes, 1)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.xlsx"
        write_worksheet(
            _records(table, labels, first_row=header_row + 1),
            str(path),
            sheet_name=_sheet_title(table.title),
            header_row=header_row,
            freeze_row=header_row + 1,
            autofilter=True,
            header_format=Format().set_bold().set_background_color("#DDE4EE"),
            merge_ranges=lines,
            column_widths=[column.width for column in table.columns],
            column_formats=[_column_format(column) for column in table.columns],
            datetime_format=DATETIME,
        )
        with path.open("rb") as written:
            shutil.copyfileobj(written, stream)


def _column_format(column):
    if column.wrap:
        return Format().set_text_wrap().set_align("top")
    if column.number_format:
        return Format().set_num_format(column.number_format)
    return None


def _xlsx_text(value):
    return _xlsx_value(value if isinstance(value, str) else str(value))


def _xlsx_value(value):
    """`cell(value)`, and a text longer than a cell holds cut with an ellipsis."""
    value = cell(value)
    if value.__class__ is str and len(value) > EXCEL_MAX_CELL_LENGTH:
        return value[: EXCEL_MAX_CELL_LENGTH - 1] + "…"
    return value


def _records(table, labels, *, first_row):
    """The rows as the writer takes them ({label: value}), cut at Excel's last row with a
    note saying so."""
    room = EXCEL_MAX_ROWS - first_row - 1
    number = -1
    for number, row in enumerate(table.rows):
        if number == room:
            yield {labels[0]: str(TRUNCATED)}
            return
        yield dict(zip(labels, map(_xlsx_value, row), strict=True))
    if number == -1:
        # The writer takes its header from the records: an empty table gets one blank row.
        yield dict.fromkeys(labels)


def _sheet_title(title):
    # Characters Excel refuses in a sheet's name.
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in strip_control(str(title)))
    return cleaned.strip()[:SHEET_TITLE_LENGTH] or "Sheet"


def response(table, *, fmt, filename):
    """The table as a download named `filename` (without extension) in `fmt`."""
    name = f"{filename}.{fmt}"
    if fmt == XLSX:
        stream = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
        write_xlsx(table, stream)
        stream.seek(0)
        download = FileResponse(
            stream, as_attachment=True, filename=name, content_type=CONTENT_TYPES[XLSX]
        )
    elif fmt == CSV:
        download = StreamingHttpResponse(csv_lines(table), content_type=CONTENT_TYPES[CSV])
        download["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        raise ValueError(f"Unknown export format: {fmt}")
    download["Cache-Control"] = "private, no-store"
    return download
