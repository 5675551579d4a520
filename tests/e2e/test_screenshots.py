"""The README's screenshots, taken from the demo data on a desktop (1280 px) and a phone
(375 px) screen. They go to test-artifacts/screenshots/ like every screenshot of the
browser tests; `make screenshots` also copies them to docs/img/ (README_SCREENSHOTS)."""

import io
import os
import re
import shutil
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from accounts.models import User

from .conftest import DESKTOP, PHONE, ROOT

SCREENS = [("", DESKTOP), ("-phone", PHONE)]


def fill_evidence_form(page):
    """Half-way through logging evidence, as a screenshot of the form should show it."""
    page.get_by_label("Date of the change").fill("2020-02-11")
    page.get_by_label("Country").select_option(label="India")
    page.get_by_label("Sub-objective").select_option(
        label="1.1 Governments and institutions introduce effective measures"
    )
    page.get_by_label("Title").fill("District officials release 41 brick-kiln workers")
    page.get_by_label("Description of the change").fill(
        "After the partner's complaint, the district magistrate's team visited two kilns and "
        "issued release certificates to 41 workers and their families."
    )
    page.get_by_label("Level of change").select_option(label="Local / grassroots")
    page.get_by_label("Kind of change").select_option(label="Practice or implementation")
    page.get_by_role("radio", name=re.compile("^Some progress")).check()
    page.get_by_label("Source citation").fill("Partner field report, February 2020")
    page.get_by_label("Triangulation").check()
    page.evaluate("document.activeElement.blur()")


def fill_french_evidence_form(page):
    """The same, as Aminata fills it in French: a rating chosen by its definition."""
    page.get_by_label("Date du changement").fill("2019-11-20")
    page.get_by_label("Pays").select_option(label="Niger")
    page.get_by_label("Sous-objectif").select_option(
        label="1.1 Des mesures efficaces des gouvernements et des institutions"
    )
    page.get_by_label("Titre").fill("Le tribunal de Tahoua condamne un maître")
    page.get_by_label("Description du changement").fill(
        "Premier jugement pour esclavage rendu après la clinique juridique du partenaire."
    )
    page.get_by_label("Échelon du changement").select_option(label="National")
    page.get_by_label("Type de changement").select_option(label="Pratique ou mise en œuvre")
    page.get_by_role("radio", name=re.compile("^Changement significatif")).check()
    page.evaluate("document.activeElement.blur()")


def test_readme_screenshots_of_the_demo_data(signed_in_page, screenshot_dir):
    with override_settings(DEBUG=True):  # seed_demo refuses to run with DEBUG off
        call_command("seed_demo", stdout=io.StringIO())
    manager, staff = User.objects.get(username="grace"), User.objects.get(username="priya")
    aminata = User.objects.get(username="aminata")
    # name: (who, path, level-1 heading, how much of the page from its top, by screen)
    shots = {
        "dashboard": (manager, "/dashboard/", "Progress dashboard", {"": 1280, "-phone": 1470}),
        "evidence-form": (staff, "/evidence/new/", "Log evidence", {"": 1690, "-phone": 1365}),
        "country": (staff, "/countries/in/", "India", {"": 1075, "-phone": 1420}),
        # From the top of the form to its progress ratings, each with its definition.
        "evidence-form-fr": (
            aminata,
            "/evidence/new/",
            "Saisir une preuve",
            {"": 1500, "-phone": 2200},
        ),
    }
    copy_to = os.environ.get("README_SCREENSHOTS")
    for name, (user, path, heading, heights) in shots.items():
        for suffix, viewport in SCREENS:
            page = signed_in_page(user, viewport=viewport)
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            if name == "dashboard":
                headline = page.get_by_role("region", name="Countries with significant change")
                expect(headline).to_contain_text("6 of 10")
            if name == "evidence-form":
                fill_evidence_form(page)
            if name == "evidence-form-fr":
                fill_french_evidence_form(page)
            # Nothing may scroll sideways, on a phone least of all.
            assert page.evaluate("document.documentElement.scrollWidth") == viewport["width"]
            target = screenshot_dir / f"{name}{suffix}.png"
            top = {"x": 0, "y": 0, "width": viewport["width"], "height": heights[suffix]}
            page.screenshot(path=target, full_page=True, clip=top)
            if copy_to:
                shutil.copyfile(target, Path(ROOT, copy_to) / target.name)
