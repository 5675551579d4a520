"""The one export module: what it does to values, and the layout of its spreadsheets."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from core import exports
from core.exports import Column, Table


@pytest.mark.parametrize(
    ("value", "written"),
    [
        # Illegal characters go first, so the formula behind them is caught second.
        ('\x01=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-5 kg", "'-5 kg"),
        ("@mention", "'@mention"),
        ("\x85Next line", "Next line"),
        ("Plain text, = inside", "Plain text, = inside"),
        ("Two\nlines", "Two\nlines"),
        (None, ""),
        (42, 42),
        (datetime.date(2019, 3, 1), datetime.date(2019, 3, 1)),
    ],
)
def test_each_value_is_cleaned_then_neutralised(value, written):
    assert exports.cell(value) == written


def test_times_are_written_in_the_organisations_time_zone_without_one(settings):
    settings.TIME_ZONE = "Europe/London"
    moment = datetime.datetime(2019, 7, 1, 9, 30, tzinfo=datetime.UTC)
    assert exports.cell(moment) == datetime.datetime(2019, 7, 1, 10, 30)
    assert exports.cell(moment).tzinfo is None


def table(rows):
    return Table(
        title="Evidence: Strategy 2015–2020",
        notes=["As of 31 December 2020"],
        columns=[Column("ID", width=8), Column("Title", width=40, wrap=True)],
        rows=rows,
    )


def test_an_xlsx_has_a_title_notes_and_a_frozen_filterable_header_over_sized_columns():
    stream = io.BytesIO()
    exports.write_xlsx(table([[1, "A long title that wraps"], [2, "=1+1"]]), stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet.title == "Evidence  Strategy 2015–2020"  # no colon in a sheet's name
    assert sheet["A1"].value == "Evidence: Strategy 2015–2020" and sheet["A1"].font.bold
    assert sheet["A2"].value == "As of 31 December 2020"
    assert [sheet["A4"].value, sheet["B4"].value] == ["ID", "Title"] and sheet["A4"].font.bold
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:B6"
    # Stored as Excel stores 40 characters (plus its padding).
    assert 40 <= sheet.column_dimensions["B"].width < 41
    assert sheet["B5"].alignment.wrap_text
    assert (sheet["B6"].value, sheet["B6"].data_type) == ("'=1+1", "s")


def test_a_csv_starts_with_a_byte_order_mark_then_title_notes_and_header():
    lines = "".join(exports.csv_lines(table([[1, "@x"]]))).splitlines()
    assert lines == [
        "\ufeffEvidence: Strategy 2015–2020",
        "As of 31 December 2020",
        "",
        "ID,Title",
        "1,'@x",
    ]


def test_sheet_names_drop_the_characters_excel_refuses():
    assert exports._sheet_title("Matrix: 1/2 [draft]?") == "Matrix  1 2  draft"


def test_an_xlsx_stops_at_excels_row_limit_and_says_so(monkeypatch):
    # The limit made small: the header is row 4, so 6 rows leave room for one item.
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 6)
    stream = io.BytesIO()
    exports.write_xlsx(table([[n, f"Item {n}"] for n in range(1, 10)]), stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet["B5"].value == "Item 1"
    assert sheet["A6"].value.startswith("Excel holds at most 1,048,576 rows")
    assert sheet.max_row == 6


def test_an_xlsx_shows_dates_and_times_in_the_format_of_their_column():
    columns = [
        Column("Date", number_format=exports.DATE),
        Column("Verified on", number_format=exports.DATETIME),
        Column("Any moment"),
    ]
    moment = datetime.datetime(2019, 3, 1, 9, 30)
    rows = [[datetime.date(2019, 3, 1), moment, moment]]
    stream = io.BytesIO()
    exports.write_xlsx(Table(title="Dates", columns=columns, rows=rows), stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    written = sheet[4]
    assert [c.value for c in written] == [datetime.datetime(2019, 3, 1), moment, moment]
    assert [c.number_format for c in written] == [
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm",
        "yyyy-mm-dd hh:mm",
    ]


def test_an_xlsx_cuts_text_longer_than_a_cell_holds_and_says_so_with_an_ellipsis():
    long_text = "x" * (exports.EXCEL_MAX_CELL_LENGTH + 10)
    stream = io.BytesIO()
    exports.write_xlsx(table([[1, long_text]]), stream)
    written = load_workbook(io.BytesIO(stream.getvalue())).active["B5"].value
    assert len(written) == exports.EXCEL_MAX_CELL_LENGTH and written.endswith("…")


def test_columns_of_one_table_must_have_different_labels():
    twins = Table(title="Twins", columns=[Column("A"), Column("A")], rows=[[1, 2]])
    with pytest.raises(ValueError, match="share a label"):
        exports.write_xlsx(twins, io.BytesIO())


def test_an_empty_xlsx_still_has_its_header():
    stream = io.BytesIO()
    exports.write_xlsx(table([]), stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    assert [sheet["A4"].value, sheet["B4"].value] == ["ID", "Title"]
    assert sheet["A5"].value is None and sheet.freeze_panes == "A5"
