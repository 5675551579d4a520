"""The spreadsheet to fill in, generated from a strategy for one person, in their language:
an XLSX workbook whose cells offer drop-down lists (their countries, the strategy's
sub-objectives, levels, kinds of change, ratings, yes/no) with a notes sheet explaining
each column, and its CSV twin (through core/exports.py, like every download)."""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from core import exports
from countries.models import Country
from evidence.models import Evidence
from objectives.models import SubObjective

from .columns import COLUMNS, YES_NO_FIELDS

HEADER_STYLE = {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDE4EE")}


def lists_for(user, strategy):
    """{column key: the values its drop-down offers}, in the active language."""
    yes_no = [str(_("Yes")), str(_("No"))]
    return {
        "country": [str(c) for c in Country.objects.assigned_to(user)],
        "sub_objective": [
            f"{sub.code} {sub.label}"
            for sub in SubObjective.objects.of_strategy(strategy).select_related("objective")
        ],
        "level": [str(label) for label in Evidence.Level.labels],
        "kind": [str(label) for label in Evidence.Kind.labels],
        "rating": [str(label) for label in Evidence.Rating.labels],
        **dict.fromkeys(YES_NO_FIELDS, yes_no),
    }


def filename(strategy):
    return _("evidence-import-%(strategy)s") % {"strategy": strategy.slug}


def _note_lines(strategy):
    return [
        _("Evidence to import under %(strategy)s.") % {"strategy": strategy},
        _(
            "One row per item; keep the headings (in English or French, any order). "
            "Required: %(columns)s."
        )
        % {"columns": ", ".join(c.heading() for c in COLUMNS if c.required)},
    ]


def xlsx_response(user, strategy, *, rows=5000):
    workbook = Workbook()
    data = workbook.active
    data.title = exports.cell(_("Evidence"))[:31]
    lists = workbook.create_sheet(exports.cell(_("Lists"))[:31])
    notes = workbook.create_sheet(exports.cell(_("Notes"))[:31])
    _header(data)
    _drop_downs(data, lists, lists_for(user, strategy), rows)
    _notes(notes, strategy, lists_for(user, strategy))
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(stream)
    stream.seek(0)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"{filename(strategy)}.xlsx",
        content_type=exports.CONTENT_TYPES[exports.XLSX],
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _header(sheet):
    for index, column in enumerate(COLUMNS, start=1):
        heading = sheet.cell(row=1, column=index, value=exports.cell(column.heading()))
        heading.data_type = "s"
        for name, setting in HEADER_STYLE.items():
            setattr(heading, name, setting)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _drop_downs(data, lists, values_by_key, rows):
    """Each listed column of `data` offers the values written in a column of `lists`."""
    list_column = 0
    for index, column in enumerate(COLUMNS, start=1):
        values = values_by_key.get(column.key)
        if not values:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        lists.cell(row=1, column=list_column, value=exports.cell(column.heading())).font = Font(
            bold=True
        )
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=list_column, value=exports.cell(value)).data_type = "s"
        lists.column_dimensions[letter].width = max(12, min(60, max(map(len, values)) + 2))
        source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = _("Choose a value of the list.")
        validation.errorTitle = column.heading()
        validation.showErrorMessage = True
        target = get_column_letter(index)
        validation.add(f"{target}2:{target}{rows + 1}")
        data.add_data_validation(validation)


def _notes(sheet, strategy, values_by_key):
    for line in _note_lines(strategy):
        sheet.append([exports.cell(line)])
    sheet.append([])
    headings = [_("Column"), _("Required"), _("What to write"), _("Values")]
    sheet.append([exports.cell(heading) for heading in headings])
    for cell in sheet[sheet.max_row]:
        for name, setting in HEADER_STYLE.items():
            setattr(cell, name, setting)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for column in COLUMNS:
        values = values_by_key.get(column.key, [])
        sheet.append(
            [
                exports.cell(column.heading()),
                exports.cell(_("Yes") if column.required else _("No")),
                exports.cell(str(column.note)),
                exports.cell(", ".join(values)),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrapped
    for letter, width in zip("ABCD", (28, 10, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def csv_response(user, strategy):
    """The CSV twin: the notes and each listed column's values above the header row."""
    values_by_key = lists_for(user, strategy)
    lines = _note_lines(strategy)
    for column in COLUMNS:
        values = values_by_key.get(column.key)
        if values and column.key not in YES_NO_FIELDS:
            lines.append(f"{column.heading()}: {' | '.join(values)}")
    table = exports.Table(
        title=_("Evidence"),
        columns=[exports.Column(column.heading()) for column in COLUMNS],
        rows=[],
        notes=lines,
    )
    return exports.response(table, fmt=exports.CSV, filename=filename(strategy))
