"""Files that cannot be imported as they are: a clear message, never a 500, nothing kept."""

import io
import zipfile

import pytest

from evidence.models import Evidence
from imports.models import Batch

from .conftest import HEADER, SHEET, csv_text, rewritten, row, xlsx

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def refused(batch, *fragments):
    assert batch.status == Batch.Status.REFUSED
    for fragment in fragments:
        assert fragment in batch.message
    assert not batch.rows.exists()
    assert not Evidence.objects.exists()
    return True


def zipped(files):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return stream.getvalue()


def test_a_pdf_named_xlsx_is_not_a_spreadsheet(staff, preview):
    assert refused(preview(staff, PDF, "evidence.xlsx"), "not a spreadsheet", "pdf")


def test_a_word_document_named_xlsx_is_named(staff, preview):
    docx = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    assert refused(preview(staff, docx, "evidence.xlsx"), "Word document")


def test_a_zip_that_is_not_a_workbook(staff, preview):
    assert refused(preview(staff, zipped({"a.txt": "a"}), "evidence.xlsx"), "zip archive")


def test_a_damaged_zip(staff, preview):
    assert refused(preview(staff, b"PK\x03\x04" + b"\x00" * 40, "e.xlsx"), "not a spreadsheet")


def test_a_binary_file_named_csv(staff, preview):
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
    assert refused(preview(staff, elf, "evidence.csv"), "not a spreadsheet")


def test_macros_are_refused(staff, preview):
    content = rewritten(xlsx([row()]), "xl/vbaProject.bin", lambda _data: b"\x00" * 10)
    assert refused(preview(staff, content, "evidence.xlsx"), "macros")


def test_an_xlsm_name_is_refused_even_without_macros(staff, preview):
    assert refused(preview(staff, xlsx([row()]), "evidence.xlsm"), "macros")


def test_password_protected_workbooks(staff, preview):
    content = OLE2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    assert refused(preview(staff, content, "evidence.xlsx"), "password")


def test_old_xls_files(staff, preview):
    assert refused(preview(staff, OLE2, "evidence.xls"), ".xls", "CSV")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n \n"])
def test_empty_files(staff, preview, content):
    assert refused(preview(staff, content, "evidence.csv"), "No header row")


def test_an_empty_workbook(staff, preview):
    assert refused(preview(staff, xlsx([], header=[]), "e.xlsx"), "No header row")


def test_missing_columns_are_named(staff, preview):
    header = [h for h in HEADER if h not in ("Level", "Progress rating", "Source link")]
    batch = preview(staff, xlsx([], header=header), "e.xlsx")
    assert refused(batch, "Columns missing", "Level", "Progress rating", "Source link")


def test_missing_columns_are_named_in_french(staff, preview):
    header = [h for h in HEADER if h != "Title"]
    batch = preview(staff, csv_text([], header=header), "e.csv", language="fr")
    assert refused(batch, "Colonnes manquantes", "Titre")


def test_too_many_rows(staff, preview, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [row(reference=f"NE-{n}") for n in range(4)]
    assert refused(preview(staff, xlsx(rows), "e.xlsx"), "more than 3 rows")


def test_blank_rows_do_not_count_towards_the_limit(staff, preview, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [row(reference="NE-1"), [None] * 10, ["  "] * 10, row(reference="NE-2")]
    batch = preview(staff, xlsx(rows), "e.xlsx")
    assert batch.new == 2
    assert list(batch.rows.values_list("number", flat=True)) == [2, 5]


def test_too_large_a_file(staff, strategy, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports import services
    from imports.reading import FileRefused

    settings.IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("e.csv", b"x" * 1001)
    with pytest.raises(FileRefused, match="too large"):
        services.create_batch(user=staff, strategy=strategy, upload=upload)
    assert not Batch.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(staff, preview, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    # 5 MB of zeros compress to a few kilobytes.
    content = rewritten(xlsx([row()]), "xl/media/padding.bin", lambda _d: b"\x00" * 5_000_000)
    assert len(content) < 100_000
    assert refused(preview(staff, content, "e.xlsx"), "too large once unpacked")


def test_a_huge_sheet_inside_a_small_file(staff, preview, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    padding = b"<row/>" * 400_000

    def swell(data):
        return data.replace(b"</sheetData>", padding + b"</sheetData>")

    assert refused(preview(staff, rewritten(xlsx([row()]), SHEET, swell), "e.xlsx"), "unpacked")


def test_the_hidden_data_sheet_is_never_read(staff, preview):
    def hide(workbook):
        workbook.create_sheet("Other")
        workbook["Evidence"].sheet_state = "hidden"

    batch = preview(staff, xlsx([row()], edit=hide), "e.xlsx")
    assert refused(batch, "hidden", "Evidence")


def test_hidden_sheets_are_passed_over(staff, preview):
    def hidden_first(workbook):
        workbook.active.title = "Secret"
        workbook.active.sheet_state = "hidden"
        visible = workbook.create_sheet("Mine")
        visible.append(HEADER)
        visible.append(row(reference="VISIBLE"))

    batch = preview(staff, xlsx([row(reference="HIDDEN")], edit=hidden_first), "e.xlsx")
    assert [r.reference for r in batch.rows.all()] == ["VISIBLE"]


def _problems(batch):
    return {r.number: dict(r.problems) for r in batch.rows.all()}


def test_merged_cells_are_row_errors(staff, preview):
    rows = [row(reference="NE-1"), row(reference="NE-2", title=None)]
    batch = preview(staff, xlsx(rows, edit=lambda wb: wb.active.merge_cells("E2:E3")), "e.xlsx")
    problems = _problems(batch)
    assert "Merged cells" in problems[2]["Title"]
    assert "Merged cells" in problems[3]["Title"]


def test_formulas_give_their_computed_value(staff, preview):
    content = xlsx([row(title='=CONCAT("a","b")')])
    cached = rewritten(
        content,
        SHEET,
        lambda d: d.replace(b"<v />", b"<v>Computed title</v>").replace(
            b'<c r="E2">', b'<c r="E2" t="str">'
        ),
    )
    batch = preview(staff, cached, "e.xlsx")
    assert batch.new == 1, _problems(batch)
    assert batch.rows.get().title == "Computed title"


def test_a_formula_without_a_computed_value_is_an_error(staff, preview):
    batch = preview(staff, xlsx([row(title='=HYPERLINK("http://evil.test","x")')]), "e.xlsx")
    assert "no computed value" in _problems(batch)[2]["Title"]


def test_a_formula_in_error_is_an_error(staff, preview):
    content = rewritten(
        xlsx([row(title="=1/0")]),
        SHEET,
        lambda d: d.replace(
            b'<c r="E2"><f>1/0</f><v />', b'<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v>'
        ),
    )
    assert "#DIV/0!" in _problems(preview(staff, content, "e.xlsx"))[2]["Title"]


def test_a_cell_too_long_for_csv(staff, preview):
    content = csv_text([row(description="x" * 300_000)])
    assert refused(preview(staff, content, "e.csv"), "Line 2", "cannot be read")


def test_an_xml_bomb_in_a_sheet(staff, preview):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
            for n in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    content = rewritten(xlsx([row()]), SHEET, lambda _data: laughs)
    assert refused(preview(staff, content, "e.xlsx"), "cannot be read")


def test_a_malformed_sheet(staff, preview):
    content = rewritten(xlsx([row()]), SHEET, lambda data: data[: len(data) // 2])
    assert refused(preview(staff, content, "e.xlsx"), "cannot be read")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("cp1252", ";"),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),
    ],
)
def test_csv_as_spreadsheet_programs_write_it(staff, preview, encoding, delimiter):
    rows = [row(title="Procès à Tahoua — première audience", country="Niger")]
    batch = preview(staff, csv_text(rows, delimiter=delimiter, encoding=encoding), "e.csv")
    assert batch.new == 1, list(batch.rows.values("problems"))
    assert batch.rows.get().title == "Procès à Tahoua — première audience"
