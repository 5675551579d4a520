"""CSV and XLSX downloads of tables (a header row and rows of plain values)."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def table_response(*, header, rows, filename, fmt, title):
    """A download of `rows` under `header` as `fmt` ("csv" or "xlsx")."""
    rows = [[_safe(value) for value in row] for row in rows]
    header = [str(h) for h in header]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        # A byte-order mark so spreadsheet programs read the file as UTF-8.
        content = "\ufeff" + buffer.getvalue()
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        stream = io.BytesIO()
        workbook.save(stream)
        content = stream.getvalue()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
