"""Every download of a table in the app, as CSV or XLSX, goes through this module.

A table is a title, optional lines that say what it holds (an as-of date, a key), a
header of columns and rows of plain values. Each text value passes through `cell` on its
way out, in this order:

1. characters a spreadsheet cannot hold are removed (control characters, which openpyxl
   refuses and which would otherwise make the download fail);
2. text that a spreadsheet program would run as a formula (starting with =, +, -, @, a tab
   or a carriage return, also after leading spaces) is prefixed with an apostrophe,
   which spreadsheet programs show as text.

Order matters: a check that looked at the first character before removing the control
characters in front of it would let `\x01=HYPERLINK(…)` through as a formula. In XLSX
every text cell is also written as a string, never as a formula.

CSV is streamed row by row; XLSX is written by openpyxl's write-only mode to a temporary
file, so neither holds a large table in memory.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
# Excel's limit on a sheet's name.
SHEET_TITLE_LENGTH = 31


def cell(value):
    """A value as it may safely go into a spreadsheet (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets have no time zones: the time as the organisation reads it.
        return timezone.localtime(value).replace(tzinfo=None)
    if not isinstance(value, str):
        return value
    value = strip_control(value, multiline=True)
    if value.startswith(FORMULA_PREFIXES) or value.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    label: str
    width: int = 14  # in characters, as spreadsheet programs measure it
    wrap: bool = False


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


def write_xlsx(table, stream):
    """Write the table as an XLSX workbook to a binary stream: a bold title, the notes, then
    a frozen, filterable header over columns of the given widths."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(table.notes) + 3  # title, notes, a blank row, then the header
    sheet.freeze_panes = f"A{header_row + 1}"

    sheet.append([_text_cell(sheet, table.title, font=Font(bold=True, size=14))])
    for note in table.notes:
        sheet.append([_text_cell(sheet, note)])
    sheet.append([])
    header_style = {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDE4EE")}
    sheet.append([_text_cell(sheet, label, **header_style) for label in table.header()])
    wrapped = Alignment(wrap_text=True, vertical="top")
    last_row = header_row
    for row in table.rows:
        sheet.append(
            [
                _value_cell(sheet, value, wrapped if column.wrap else None)
                for column, value in zip(table.columns, row, strict=True)
            ]
        )
        last_row += 1
    last_column = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{last_row}"
    workbook.save(stream)


def _sheet_title(title):
    # Characters Excel refuses in a sheet's name.
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in strip_control(str(title)))
    return cleaned.strip()[:SHEET_TITLE_LENGTH] or "Sheet"


def _text_cell(sheet, value, **style):
    written = WriteOnlyCell(sheet, value=cell(str(value)))
    written.data_type = "s"  # text, never a formula
    for name, setting in style.items():
        setattr(written, name, setting)
    return written


def _value_cell(sheet, value, alignment):
    value = cell(value)
    if isinstance(value, str):
        written = _text_cell(sheet, value)
    else:
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            written.number_format = (
                "yyyy-mm-dd hh:mm" if isinstance(value, datetime.datetime) else "yyyy-mm-dd"
            )
    if alignment is not None:
        written.alignment = alignment
    return written


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
