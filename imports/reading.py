"""Reading an uploaded spreadsheet, whatever it really is, as rows of cells by column.

The file is recognised by its content, never its name: an XLSX workbook (read by openpyxl
in read-only mode, streamed, with each formula's computed value), or CSV text (UTF-8 with
or without a byte-order mark, UTF-16 with one, else Windows-1252; separated by commas,
semicolons as French Excel writes them, or tabs). Anything else is refused with a message
that says what to do: old .xls files, password-protected workbooks, workbooks with macros,
files that only look like spreadsheets, files too large (`IMPORT_MAX_BYTES`, or once
unpacked) or too long (`IMPORT_MAX_ROWS`). A workbook's hidden sheets are never read.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.etree.ElementTree import iterparse

import filetype
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from .columns import match_header, missing_columns, normalise

# How far down a header row is looked for (a title and notes may come first).
HEADER_SEARCH_ROWS = 20
# A row is a header when it names at least this many known columns.
HEADER_MIN_COLUMNS = 3
# The data sheet of the template, in either language.
DATA_SHEET_NAMES = {"evidence", "preuves"}
CSV_SEPARATORS = (",", ";", "\t")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class SourceRow:
    number: int  # as the spreadsheet program shows it
    values: dict  # {column key: the cell's value}
    problems: dict = field(default_factory=dict)  # {column key: why the cell is unusable}


@dataclass
class Sheet:
    positions: dict  # {column key: position}
    rows: Iterator[SourceRow]
    estimated_rows: int = 0  # for progress bars: what the file says it holds


def refuse_size(size):
    if size > settings.IMPORT_MAX_BYTES:
        raise FileRefused(
            _("The file is too large (%(size)s): at most %(limit)s.")
            % {"size": _megabytes(size), "limit": _megabytes(settings.IMPORT_MAX_BYTES)}
        )


def _megabytes(size):
    return _("%(number)s MB") % {"number": number_format(size / 1024 / 1024, 1)}


@contextmanager
def open_sheet(stream, name):
    """The rows of the uploaded file `stream` (binary, seekable) named `name`."""
    stream.seek(0, io.SEEK_END)
    refuse_size(stream.tell())
    stream.seek(0)
    start = stream.read(8)
    stream.seek(0)
    if start.startswith(ZIP_SIGNATURE):
        with _workbook_sheet(stream, name) as sheet:
            yield sheet
    elif start.startswith(OLE2_SIGNATURE):
        raise FileRefused(_ole2_message(stream))
    else:
        yield _csv_sheet(stream)


def _ole2_message(stream):
    if "EncryptedPackage".encode("utf-16-le") in stream.read(1024 * 1024):
        return _(
            "This workbook is protected by a password: save a copy without one "
            "(File › Info › Protect Workbook), then upload that copy."
        )
    return _(
        "This is an old Excel 97–2003 (.xls) file: save it as an Excel workbook (.xlsx) or "
        "as CSV, then upload that."
    )


def _not_a_spreadsheet(kind=None):
    if kind:
        return FileRefused(
            _(
                "This file is not a spreadsheet (it looks like %(kind)s): upload the "
                "template filled in, as .xlsx or .csv."
            )
            % {"kind": kind}
        )
    return FileRefused(
        _("This file is not a spreadsheet: upload the template filled in, as .xlsx or .csv.")
    )


def _check_archive(stream, name):
    """Refuse what is not a plain workbook before openpyxl unpacks anything: another kind
    of zip (a Word file named .xlsx, say), macros, or more than a sane size unpacked."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise _not_a_spreadsheet() from None
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise _not_a_spreadsheet(_guess_kind(names))
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if (
            "xl/vbaProject.bin" in names
            or b"macroEnabled" in types
            or name.lower().endswith((".xlsm", ".xltm"))
        ):
            raise FileRefused(
                _(
                    "This workbook may hold macros (.xlsm), which are never opened here: "
                    "save it as an Excel workbook (.xlsx) and upload that."
                )
            )
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise FileRefused(
                _("This workbook is too large once unpacked (%(size)s): at most %(limit)s.")
                % {
                    "size": _megabytes(unpacked),
                    "limit": _megabytes(settings.IMPORT_MAX_UNPACKED_BYTES),
                }
            )
    stream.seek(0)


def _guess_kind(names):
    if "word/document.xml" in names:
        return _("a Word document")
    if "ppt/presentation.xml" in names:
        return _("a PowerPoint presentation")
    if "content.xml" in names:
        return _("an OpenDocument file")
    return _("a zip archive")


@contextmanager
def _workbook_sheet(stream, name):
    _check_archive(stream, name)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds on a damaged file)
        raise _damaged() from None
    try:
        worksheet = _data_sheet(workbook)
        formulas_without_value, merged = _guarded_call(_inspect, workbook, worksheet)
        estimated = worksheet.max_row or 0
        worksheet.reset_dimensions()  # read every row, whatever the file claims
        numbered = _guarded(
            (number, [_cell_value(cell) for cell in cells], cells)
            for number, cells in enumerate(worksheet.iter_rows(), start=1)
        )
        sheet = _sheet_of(numbered, problems=_cell_problems(formulas_without_value, merged))
        sheet.estimated_rows = estimated
        yield sheet
    finally:
        workbook.close()


def _damaged():
    return FileRefused(
        _("This workbook cannot be read (it may be damaged): open it and save it again.")
    )


def _guarded_call(function, *args):
    try:
        return function(*args)
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 (malformed XML, a bad number or date… in the file)
        raise _damaged() from None


def _guarded(rows):
    """`rows`, with any failure to read the file as a refusal, never a server error."""
    iterator = iter(rows)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except FileRefused:
            raise
        except Exception:  # noqa: BLE001 (malformed XML, a bad number or date… in the file)
            raise _damaged() from None
        yield item


def _data_sheet(workbook):
    """The template's data sheet if there is one, else the first visible sheet; a hidden
    sheet is never read."""
    sheets = workbook.worksheets
    named = [sheet for sheet in sheets if normalise(sheet.title) in DATA_SHEET_NAMES]
    for sheet in named:
        if sheet.sheet_state != "visible":
            raise FileRefused(
                _(
                    "The sheet “%(sheet)s” is hidden: unhide it (right-click a sheet's tab › "
                    "Unhide) and check what it holds before uploading."
                )
                % {"sheet": sheet.title}
            )
        return sheet
    visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
    if not visible:
        raise FileRefused(_("Every sheet of this workbook is hidden: unhide the one to import."))
    return visible[0]


def _inspect(workbook, worksheet):
    """The cells of `worksheet` holding a formula with no computed value stored, and its
    merged ranges: neither is visible through openpyxl's read-only mode, so the sheet's XML
    is read once more, streamed."""
    without_value, merged = set(), []
    with workbook._archive.open(worksheet._worksheet_path) as source:
        for _event, element in iterparse(source):
            tag = element.tag
            if tag == f"{SHEET_NS}c":
                has_formula = element.find(f"{SHEET_NS}f") is not None
                if has_formula and not element.findtext(f"{SHEET_NS}v"):
                    without_value.add(element.get("r"))
                element.clear()
            elif tag == f"{SHEET_NS}mergeCell":
                merged.append(range_boundaries(element.get("ref")))
            elif tag == f"{SHEET_NS}row":
                element.clear()
    return without_value, merged


def _cell_value(cell):
    return getattr(cell, "value", None)


def _cell_problems(formulas_without_value, merged):
    def problems(number, position, cell):
        column = position + 1
        if getattr(cell, "data_type", None) == "e":
            return _("The formula in this cell gives an error (%(error)s): correct it.") % {
                "error": cell.value
            }
        if f"{get_column_letter(column)}{number}" in formulas_without_value:
            return _(
                "This cell's formula has no computed value saved: open the file in a "
                "spreadsheet program and save it, or type the value."
            )
        for min_col, min_row, max_col, max_row in merged:
            if min_row <= number <= max_row and min_col <= column <= max_col:
                return _("Merged cells: unmerge them and fill in each cell.")
        return None

    return problems


def _decode(data):
    """Text from UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Excel's
    "Unicode text"), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    if b"\x00" in data[:65536]:
        raise _not_a_spreadsheet()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused(
            _("This text file's characters cannot be read: save it as CSV UTF-8.")
        ) from None


def _csv_sheet(stream):
    data = stream.read()
    kind = filetype.guess(data[:8192])
    if kind is not None:
        raise _not_a_spreadsheet(kind.mime)
    text = _decode(data)
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)

    def numbered():
        line = 1
        try:
            for values in reader:
                yield line, values, None
                line = reader.line_num + 1
        except csv.Error:
            raise FileRefused(
                _(
                    "Line %(line)s of this CSV file cannot be read (a cell too long, or a quote "
                    "left open): correct it and upload the file again."
                )
                % {"line": line}
            ) from None

    sheet = _sheet_of(numbered(), problems=None)
    sheet.estimated_rows = text.count("\n")
    return sheet


def _separator(text):
    """The separator that makes the most headings out of the file's first lines."""
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best, best_count = ",", -1
    for separator in CSV_SEPARATORS:
        rows = csv.reader(io.StringIO(head), delimiter=separator)
        try:
            count = max((len(match_header(row)) for row in rows), default=0)
        except csv.Error:  # a cell too long: said with its line when the file is read
            count = 0
        if count > best_count:
            best, best_count = separator, count
    return best


def _is_blank(values):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _sheet_of(numbered, *, problems):
    """Find the header among the first rows; then the data rows below it, blank ones
    skipped, as `SourceRow`s, refusing the file past `IMPORT_MAX_ROWS`."""
    numbered = iter(numbered)
    positions = {}
    for number, values, _cells in numbered:
        found = match_header(values)
        if len(found) >= HEADER_MIN_COLUMNS:
            positions = found
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    missing = missing_columns(positions)
    if not positions and missing:
        raise FileRefused(
            _("No header row was found: the first rows should name the columns (%(missing)s).")
            % {"missing": ", ".join(missing)}
        )
    if missing:
        raise FileRefused(
            _("Columns missing: %(missing)s. Use the template's headings, in English or French.")
            % {"missing": ", ".join(missing)}
        )
    return Sheet(positions=positions, rows=_data_rows(numbered, positions, problems))


def _data_rows(numbered, positions, problems):
    limit = settings.IMPORT_MAX_ROWS
    count = 0
    for number, values, cells in numbered:
        if _is_blank(values):
            continue
        count += 1
        if count > limit:
            raise FileRefused(
                _("The file has more than %(limit)s rows: split it into files of at most that.")
                % {"limit": number_format(limit, force_grouping=True)}
            )
        row = SourceRow(number=number, values={})
        for key, position in positions.items():
            value = values[position] if position < len(values) else None
            row.values[key] = value
            cell = cells[position] if cells is not None and position < len(cells) else None
            problem = problems(number, position, cell) if problems else None
            if problem:
                row.problems[key] = problem
        yield row


def refusal_of(error):
    """A refusal's message, one line."""
    return re.sub(r"\s+", " ", str(error)).strip()
