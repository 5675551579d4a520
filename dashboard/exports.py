"""The dashboard's exports: the matrix and the evidence behind it, as CSV or XLSX.

Confidential evidence never leaves in an export, whoever asks. The matrix is an
aggregate (like the dashboard, its statuses count confidential evidence without
revealing it). The evidence export streams rows from `values_list(...).iterator()`,
so a large export never holds model instances or the whole result in memory.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django_countries import countries as country_names
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from evidence.models import Evidence

from .presentation import displays

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK_SIZE = 2_000
# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection): such text is prefixed with an apostrophe, which they show as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def filename(strategy, table, as_of, fmt):
    return f"{strategy.slug}-{table}-{as_of:%Y-%m-%d}.{fmt}"


def matrix_rows(dashboard):
    """A header, then one row per target country: its significant change, then the
    status of each sub-objective as text."""
    yield [
        _("Country"),
        _("ISO code"),
        _("Significant change"),
        *(f"{sub.code} {sub.label}" for sub in dashboard.sub_objectives),
    ]
    shown = displays()
    for country, significant, cells in dashboard.matrix():
        yield [
            str(country),
            country.code.code,
            _("Yes") if significant else _("No"),
            *(shown[status].label for _, status in cells),
        ]


EVIDENCE_FIELDS = (
    "pk",
    "date",
    "country__code",
    "sub_objective__objective__number",
    "sub_objective__number",
    "title",
    "description",
    "level",
    "kind",
    "rating",
    "source_url",
    "source_citation",
    *(name for name, _ in Evidence.BOND_PRINCIPLES),
)


def exportable_evidence(user, strategy, as_of):
    """Verified evidence of the strategy dated on or before `as_of` that `user` may see,
    never confidential, oldest first."""
    return (
        Evidence.objects.visible_to(user)
        .verified()
        .not_confidential()
        .of_strategy(strategy)
        .as_of(as_of)
        .order_by("date", "pk")
    )


def evidence_rows(evidence):
    yield [
        _("ID"),
        _("Date"),
        _("Country"),
        _("ISO code"),
        _("Sub-objective"),
        _("Title"),
        _("Description"),
        _("Level"),
        _("Kind of change"),
        _("Progress rating"),
        _("Source link"),
        _("Source citation"),
        *(str(label) for _, label in Evidence.BOND_PRINCIPLES),
    ]
    levels = {value: str(label) for value, label in Evidence.Level.choices}
    kinds = {value: str(label) for value, label in Evidence.Kind.choices}
    ratings = {value: str(label) for value, label in Evidence.Rating.choices}
    yes, no = _("Yes"), _("No")
    rows = evidence.values_list(*EVIDENCE_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    for pk, day, code, objective, number, title, description, level, kind, rating, *rest in rows:
        url, citation, *principles = rest
        yield [
            pk,
            day,
            country_names.name(code),
            code,
            f"{objective}.{number}",
            safe(title),
            safe(description),
            levels[level],
            kinds[kind],
            ratings[rating],
            safe(url),
            safe(citation),
            *(yes if met else no for met in principles),
        ]


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_response(rows, name):
    writer = csv.writer(_Echo())
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    lines = (writer.writerow(row) for row in rows)
    response = StreamingHttpResponse(_with_bom(lines), content_type=CONTENT_TYPES[CSV])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _with_bom(lines):
    yield "\ufeff"
    yield from lines


def xlsx_response(rows, name, title):
    # Write-only mode streams rows to a temporary file instead of keeping cells in memory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        # XLSX cannot hold control characters that CSV carries as they are.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=name, content_type=CONTENT_TYPES[XLSX])


def response(rows, *, fmt, name, title):
    if fmt == XLSX:
        return xlsx_response(rows, name, title)
    return csv_response(rows, name)
