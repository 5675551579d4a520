"""Aminata, who works in French, brings her office's spreadsheet in: downloads the
template, fills it in, uploads it, sees the row in error, corrects it, confirms, finds the
drafts on her home page; the same file uploaded again is unchanged."""

import shutil

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from core.roles import COUNTRY_STAFF
from evidence.models import Evidence
from tests.factories import UserFactory

ROWS = [
    [
        "NE-2019-01",
        "Niger",
        "1.1",
        "09/10/2018",
        "Premières poursuites à Tahoua",
        "Trois affaires ouvertes.",
        "National",
        "Loi adoptée ou modifiée",
        "Quelques progrès",
        "https://example.org/rapport",
    ],
    [
        "NE-2019-02",
        "Mali",
        "1.2",
        "31/02/2019",
        "Comité de vigilance à Kayes",
        "Le comité se réunit chaque mois.",
        "Local / communautaire",
        "Attitudes et normes",
        "Premiers signes",
        "https://example.org/kayes",
    ],
]


@pytest.fixture
def aminata(niger, mali):
    return UserFactory(
        username="aminata",
        first_name="Aminata",
        language="fr",
        groups=[COUNTRY_STAFF],
        countries=[niger, mali],
    )


def fill(template, rows, target):
    shutil.copy(template, target)
    workbook = load_workbook(target)
    sheet = workbook["Preuves"]
    for values in rows:
        sheet.append(values)
    workbook.save(target)
    return target


def upload(page, path):
    page.goto("/imports/")
    page.get_by_label("Tableur").set_input_files(path)
    page.get_by_role("button", name="Aperçu").click()


def test_aminata_imports_her_spreadsheet(new_page, aminata, strategy, tmp_path, screenshot):
    page = new_page(aminata, locale="fr-FR")
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Importer").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Modèle Excel (.xlsx)").click()
    template = download.value.path()

    first = fill(template, ROWS, tmp_path / "preuves.xlsx")
    upload(page, first)
    expect(page.get_by_role("status").first).to_contain_text("Rien n’est encore enregistré.")
    errors = page.get_by_role("region", name="Lignes du fichier")
    expect(errors).to_contain_text("« 31/02/2019 » n’est pas une date")
    expect(errors).to_contain_text("Date du changement")
    screenshot(page, "import-preview")
    assert not Evidence.objects.exists()

    fixed = [ROWS[0], [*ROWS[1][:3], "28/02/2019", *ROWS[1][4:]]]
    corrected = fill(template, fixed, tmp_path / "preuves-corrigees.xlsx")
    upload(page, corrected)
    page.get_by_label("Les soumettre toutes").uncheck()
    page.get_by_role("button", name="Importer 2 lignes").click()
    expect(page.get_by_role("main")).to_contain_text("2 preuves importées.")

    page.goto("/")
    drafts = page.get_by_role("main")
    expect(drafts).to_contain_text("Premières poursuites à Tahoua")
    expect(drafts).to_contain_text("Comité de vigilance à Kayes")
    assert set(Evidence.objects.values_list("status", "author__username")) == {("draft", "aminata")}

    upload(page, corrected)
    expect(page.get_by_role("main")).to_contain_text("2 inchangées")
    expect(page.get_by_role("button", name="Importer 2 lignes")).to_have_count(0)
