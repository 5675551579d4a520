"""Two strategies at once in a real browser: an admin starts the 2021–2025 strategy from a
copy of 2015–2020, then Aminata, who works in French, logs a late 2015–2020 item; and the
admin's copy form meets the page rules of tests/e2e/test_pages.py."""

import re

import pytest
from playwright.sync_api import expect

from core.roles import COUNTRY_STAFF
from evidence.models import Evidence
from objectives.models import Strategy, SubObjective
from tests.factories import UserFactory

from .test_pages import LOCALES, PageChecks


@pytest.fixture
def aminata(niger, mali):
    return UserFactory(
        username="aminata",
        first_name="Aminata",
        language="fr",
        groups=[COUNTRY_STAFF],
        countries=[niger, mali],
    )


def sub_1_1(strategy):
    return SubObjective.objects.get(objective__strategy=strategy, objective__number=1, number=1)


def test_aminata_logs_a_late_2015_2020_item_after_2021_2025_was_added(
    signed_in_page, new_page, superuser, strategy, aminata, niger, screenshot
):
    admin = signed_in_page(superuser)
    admin.goto(f"/admin/objectives/strategy/{strategy.pk}/change/")
    admin.get_by_role("link", name="Start the next strategy from a copy").click()
    expect(admin.get_by_label("Name")).to_have_value("Strategy 2021–2026")
    admin.get_by_label("Name").fill("Strategy 2021–2025")
    admin.get_by_label("Slug").fill("2021-2025")
    admin.get_by_label("Last year").fill("2025")
    admin.get_by_role("button", name="Start the new strategy").click()
    expect(admin.locator(".messagelist")).to_contain_text("was started from a copy")
    added = Strategy.objects.get(slug="2021-2025")

    page = new_page(aminata, locale="fr-FR")
    page.goto("/")
    switcher = page.get_by_role("navigation", name="Stratégies")
    expect(switcher.get_by_role("link")).to_have_count(2)
    page.get_by_role("main").get_by_role("link", name="Saisir une preuve").click()

    strategy_choice = page.get_by_label("Stratégie")
    sub_objective = page.locator("#id_sub_objective")
    expect(strategy_choice).to_have_value(str(strategy.pk))  # the default, offered first
    # The script removed the button scripts-off readers press to reload.
    expect(page.get_by_role("button", name="Afficher les dates")).to_have_count(0)
    # The sub-objectives and dates follow the choice at once.
    strategy_choice.select_option(str(added.pk))
    expect(sub_objective.locator(f'option[value="{sub_1_1(added).pk}"]')).to_have_count(1)
    expect(sub_objective.locator(f'option[value="{sub_1_1(strategy).pk}"]')).to_have_count(0)
    expect(page.locator("#id_date")).to_have_attribute("min", "2020-01-01")
    strategy_choice.select_option(str(strategy.pk))
    expect(page.locator("#id_date")).to_have_attribute("min", "2014-01-01")
    expect(page.locator("#id_date_helptext")).to_contain_text("2015–2020")

    page.locator("#id_date").fill("2019-11-20")
    page.locator("#id_country").select_option(str(niger.pk))
    sub_objective.select_option(str(sub_1_1(strategy).pk))
    page.locator("#id_title").fill("Le tribunal de Tahoua condamne un maître")
    page.locator("#id_description").fill("Premier jugement rendu après la clinique juridique.")
    page.locator("#id_level").select_option("national")
    page.locator("#id_kind").select_option("practice")
    # The strategy's texts in French, each rating with its definition where it is chosen.
    expect(sub_objective.locator("option:checked")).to_have_text(
        "1.1 Des mesures efficaces des gouvernements et des institutions"
    )
    expect(page.locator("label[for=id_rating_3]")).to_contain_text(
        "Changement significatif : Le changement visé est en place"
    )
    page.locator("#id_rating_3").check()
    page.locator("#id_source_citation").fill("Rapport du partenaire, novembre 2019")
    screenshot(page, "journey-d-1-late-evidence-form-fr")
    page.get_by_role("button", name="Soumettre pour vérification").click()

    expect(page.get_by_role("status").first).to_contain_text("Preuve soumise pour vérification.")
    logged = Evidence.objects.get()
    assert logged.sub_objective.objective.strategy == strategy
    assert (logged.date.isoformat(), logged.author) == ("2019-11-20", aminata)
    screenshot(page, "journey-d-2-submitted-fr")

    # The guidance, in French, from the form.
    page.goto("/evidence/new/")
    page.get_by_role("link", name=re.compile("^Ce que signifient les choix")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide : ce que signifient les choix")
    expect(page.locator("#headline")).to_contain_text("à l’échelon national")
    ratings = page.locator("#ratings")
    expect(ratings.locator("dt").nth(1)).to_have_text("◔ Premiers signes")
    expect(ratings.locator("dd").nth(1)).to_contain_text("Intentions annoncées ou premiers pas")
    screenshot(page, "journey-d-3-guidance-fr")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_copy_form_meets_the_page_rules(new_page, superuser, strategy, language):
    superuser.language = language
    superuser.save()
    path = f"/admin/objectives/strategy/{strategy.pk}/copy/"
    checks = PageChecks(new_page, superuser, language, checked=set())
    checks.visit(path)
    assert checks.problems == {}
    without_scripts = new_page(superuser, java_script_enabled=False, locale=LOCALES[language])
    without_scripts.goto(path)
    without_scripts.locator("#id_slug").fill("next")
    without_scripts.locator("#id_name").fill("Next")
    without_scripts.locator("input[type=submit]").click()
    expect(without_scripts.locator(".messagelist")).to_be_visible()
    assert Strategy.objects.filter(slug="next").exists()
