"""Each row judged as the web form judges it, nothing written by a preview."""

import datetime

import pytest

from core.roles import COUNTRY_STAFF
from countries.models import Country
from evidence.models import Evidence
from imports.models import Reference

from ..factories import EvidenceFactory, UserFactory
from .conftest import HEADER, csv_text, row, xlsx


def statuses(batch):
    return [(r.number, r.status) for r in batch.rows.all()]


def problems(batch, number):
    return dict(batch.rows.get(number=number).problems)


def test_a_preview_writes_no_evidence(staff, preview):
    batch = preview(staff, xlsx([row(), row(reference="NE-2")]))
    assert statuses(batch) == [(2, "new"), (3, "new")]
    assert (batch.new, batch.errors) == (2, 0)
    assert not Evidence.objects.exists()


def test_headers_in_french_in_any_order_with_extra_columns(staff, preview):
    header = [
        "Notes internes",
        "Titre",
        "Pays",
        "Référence",
        "Sous-objectif",
        "Date du changement",
        "Description du changement",
        "Niveau",
        "Type de changement",
        "Niveau de progrès",
        "Lien vers la source",
    ]
    values = [
        "ignored",
        "Un titre",
        "Niger",
        "NE-1",
        "1.1",
        "09/10/2018",
        "Texte.",
        "National",
        "Loi adoptée ou modifiée",
        "Changement significatif",
        "example.org",
    ]
    batch = preview(staff, xlsx([values], header=header))
    assert batch.new == 1, problems(batch, 2)


@pytest.mark.parametrize("country", ["NE", "ne", " Niger ", "NER"])
def test_countries_by_code_or_name(staff, preview, country):
    assert preview(staff, xlsx([row(country=country)])).new == 1


def test_country_names_in_french(preview, strategy):
    mauritania = Country.objects.get(code="MR")
    staff = UserFactory(username="m", groups=[COUNTRY_STAFF], countries=[mauritania])
    assert preview(staff, xlsx([row(country="Mauritanie")])).new == 1


def test_an_unknown_country_is_named(staff, preview):
    batch = preview(staff, xlsx([row(country="Atlantis")]))
    assert "“Atlantis” is not a country we know" in problems(batch, 2)["Country"]


def test_staff_import_only_for_their_countries(staff, preview):
    batch = preview(staff, xlsx([row(country="India")]))
    assert "only for the countries you are assigned to" in problems(batch, 2)["Country"]


def test_a_sub_objective_of_no_such_code(staff, preview):
    batch = preview(staff, xlsx([row(sub_objective="9.9")]))
    assert "Choose one of the sub-objectives of" in problems(batch, 2)["Sub-objective"]


@pytest.mark.parametrize(
    "date", ["2018-10-09", "09/10/2018", datetime.date(2018, 10, 9), datetime.datetime(2018, 10, 9)]
)
def test_dates_as_cells_iso_or_day_first(staff, preview, date):
    batch = preview(staff, xlsx([row(date=date)]))
    assert batch.new == 1, problems(batch, 2)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("10/09/18", "ambiguous"),
        ("31/02/2018", "not a date"),
        ("2030-01-01", "cannot be in the future"),
        ("2001-01-01", "Give a date between"),
        ("", "required"),
    ],
)
def test_date_errors(staff, preview, date, message):
    batch = preview(staff, xlsx([row(date=date)]))
    assert message in problems(batch, 2)["Date of the change"]


def test_the_same_rules_as_the_form(staff, preview):
    rows = [
        row(reference="A", title="Bell\x07 rings"),
        row(reference="B", source_url=""),
        row(reference="C", level="planetary"),
        row(reference="D", rating="7"),
        row(reference="E", title="x" * 201),
        row(reference="F", description="\u200b\u200b"),
    ]
    batch = preview(staff, csv_text(rows), "e.csv")  # XLSX cannot hold a control character
    assert batch.errors == 6
    assert "cannot be shown or exported" in problems(batch, 2)["Title"]
    assert "Give a source" in problems(batch, 3)["Source link"]
    assert "valid choice" in problems(batch, 4)["Level"]
    assert "valid choice" in problems(batch, 5)["Progress rating"]
    assert "at most 200 characters" in problems(batch, 6)["Title"]
    assert "invisible" in problems(batch, 7)["Description of the change"]


def test_formula_text_in_a_csv_is_kept_as_text(staff, preview):
    title = '=HYPERLINK("http://evil.test","click")'
    batch = preview(staff, csv_text([row(title=title)]), "e.csv")
    assert batch.new == 1
    assert batch.rows.get().title == title


def test_references_are_required_and_once_per_file(staff, preview):
    batch = preview(staff, xlsx([row(reference=""), row(reference="X"), row(reference="X")]))
    assert "Give each row a reference" in problems(batch, 2)["Reference"]
    assert "also on row 3" in problems(batch, 4)["Reference"]
    assert statuses(batch) == [(2, "error"), (3, "new"), (4, "error")]


def test_yes_no_columns(staff, preview):
    header = [*HEADER, "Triangulation", "Confidentielle"]
    rows = [[*row(reference="A"), "oui", "no"], [*row(reference="B"), "maybe", ""]]
    batch = preview(staff, xlsx(rows, header=header))
    assert statuses(batch) == [(2, "new"), (3, "error")]
    assert "Write yes or no" in problems(batch, 3)["Triangulation"]


def _imported(staff, sub_objective, niger, status, reference="NE-1", **fields):
    evidence = EvidenceFactory(
        author=staff,
        status=status,
        country=niger,
        sub_objective=sub_objective,
        date=datetime.date(2018, 10, 9),
        title="Prosecutors open cases under the penal code",
        description="Three cases opened in Tahoua.",
        level="national",
        kind="practice",
        rating=3,
        source_url="https://example.org/report",
        **fields,
    )
    Reference.objects.create(evidence=evidence, country=niger, reference=reference)
    return evidence


@pytest.fixture
def sub_objective(strategy):
    return strategy.objectives.get(number=1).sub_objectives.get(number=1)


def test_a_reference_already_imported_is_unchanged_or_an_update(
    staff, preview, sub_objective, niger
):
    _imported(staff, sub_objective, niger, Evidence.Status.DRAFT)
    batch = preview(staff, xlsx([row(), row(reference="NE-2")]))
    assert statuses(batch) == [(2, "unchanged"), (3, "new")]
    batch = preview(staff, xlsx([row(title="A better title")]))
    assert statuses(batch) == [(2, "update")]


@pytest.mark.parametrize(
    ("status", "why"),
    [
        (Evidence.Status.VERIFIED, "never changes verified evidence"),
        (Evidence.Status.SUBMITTED, "Waiting for verification"),
    ],
)
def test_verified_and_submitted_items_are_locked(staff, preview, sub_objective, niger, status, why):
    _imported(staff, sub_objective, niger, status)
    batch = preview(staff, xlsx([row(title="Changed")]))
    assert statuses(batch) == [(2, "locked")]
    assert why in problems(batch, 2)["—"]


def test_someone_elses_item_is_locked(staff, preview, sub_objective, niger):
    colleague = UserFactory(username="colleague", groups=[COUNTRY_STAFF], countries=[niger])
    _imported(colleague, sub_objective, niger, Evidence.Status.DRAFT)
    batch = preview(staff, xlsx([row(title="Changed")]))
    assert "Logged by someone else" in problems(batch, 2)["—"]


def test_a_preview_asks_the_database_a_constant_number_of_times(
    staff, preview, django_assert_max_num_queries
):
    small = xlsx([row(reference=f"R{n}") for n in range(3)])
    large = xlsx([row(reference=f"R{n}") for n in range(60)])
    with django_assert_max_num_queries(40) as few:
        preview(staff, small)
    with django_assert_max_num_queries(len(few.captured_queries)):
        preview(staff, large)
