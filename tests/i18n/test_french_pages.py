"""A French-speaking user reads the site in French: the main pages, dates, the sign-in
page for a browser that asks for French, and a language change that shows at once."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from evidence import services
from evidence.models import Evidence
from tests.factories import EvidenceFactory

PO = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def compiled_catalogue():
    mo = PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < PO.stat().st_mtime:
        pytest.fail(f"{mo} is missing or older than django.po: run `make install` to compile it.")


@pytest.fixture
def french_staff(staff):
    staff.language = "fr"
    staff.save()
    return staff


@pytest.fixture
def french_manager(manager):
    manager.language = "fr"
    manager.save()
    return manager


def _page(client, url):
    # The browser asks for English: the language on the profile wins.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert response.headers["Content-Language"] == "fr"
    return html


def _visible_text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _assert_french(html, french, english):
    text = _visible_text(html)
    for phrase in french:
        assert phrase in text, phrase
    for phrase in english:
        assert phrase not in text, phrase


COMMON_FRENCH = ["Accueil", "Se déconnecter", "Votre compte", "Changer de langue"]
COMMON_ENGLISH = ["Home", "Sign out", "Your account", "Skip to content", "Language:"]


def test_home(client_for, french_staff, niger):
    EvidenceFactory(author=french_staff, country=niger, status=Evidence.Status.DRAFT)
    html = _page(client_for(french_staff), reverse("home"))
    _assert_french(
        html,
        [*COMMON_FRENCH, "Vos pays", "Vos brouillons", "Saisir une preuve", "Brouillon"],
        [*COMMON_ENGLISH, "Your countries", "Your drafts", "Log evidence", "Draft"],
    )


def test_evidence_form(client_for, french_staff):
    html = _page(client_for(french_staff), reverse("evidence:new"))
    _assert_french(
        html,
        [
            "Date du changement",
            "Type de changement",
            "Degré de progrès",
            "principes de preuve de Bond",
            "Enregistrer le brouillon",
            "Soumettre pour vérification",
            "Loi adoptée ou modifiée",
        ],
        [
            "Date of the change",
            "Kind of change",
            "Progress rating",
            "Save draft",
            "Submit for verification",
            "Law adopted or amended",
            "Cancel",
        ],
    )


def test_evidence_list_with_french_dates(client_for, french_staff, niger):
    EvidenceFactory(author=french_staff, country=niger, date=datetime.date(2017, 1, 15))
    html = _page(client_for(french_staff), reverse("evidence:list"))
    _assert_french(
        html,
        ["Filtres", "Afficher les preuves", "1 preuve", "15 janvier 2017", "Vérifiée"],
        ["Filters", "Show evidence", "1 evidence item", "January", "Verified"],
    )


def test_dashboard(client_for, french_manager, niger):
    EvidenceFactory(country=niger, date=datetime.date(2017, 3, 1))
    html = _page(client_for(french_manager), reverse("dashboard:index") + "?as_of=2018-12-31")
    _assert_french(
        html,
        [
            "Tableau de bord des progrès",
            "au 31 décembre 2018",
            "Pays ayant connu un changement significatif",
            "Couverture",
            "Progrès par objectif",
            "Quelques progrès",
        ],
        ["Progress dashboard", "Coverage", "Progress by objective", "Some progress", "December"],
    )
    # A matrix cell's name, in French typography (a no-break space before the colon).
    assert "1.1\u00a0: Quelques progrès" in html


def test_country_page(client_for, french_staff, niger):
    EvidenceFactory(author=french_staff, country=niger)
    html = _page(client_for(french_staff), reverse("countries:detail", args=["ne"]))
    _assert_french(
        html,
        ["Statut actuel", "Saisir une preuve pour ce pays", "Sous-objectifs", "1er juin 2017"],
        ["Current status", "Log evidence for this country", "Sub-objectives:", "June"],
    )


def test_evidence_page_and_its_history(client_for, french_staff, niger):
    evidence = EvidenceFactory(
        author=french_staff,
        country=niger,
        date=datetime.date(2017, 1, 15),
        status=Evidence.Status.DRAFT,
    )
    services.update_evidence(
        evidence=evidence,
        actor=french_staff,
        version=evidence.version,
        data={"date": datetime.date(2017, 3, 1)},
    )
    html = _page(client_for(french_staff), evidence.get_absolute_url())
    _assert_french(
        html,
        ["Date du changement", "1 mars 2017", "15 janvier 2017", "Historique", "Avant", "Après"],
        ["Date of the change", "2017-01-15", "March", "History", "Before", "After"],
    )


def test_a_refused_page_says_so_in_french(client_for, french_staff):
    response = client_for(french_staff).get(reverse("dashboard:index"))
    assert response.status_code == 403
    _assert_french(response.content.decode(), ["Accès refusé"], ["Forbidden"])


def test_a_browser_asking_for_french_gets_a_french_sign_in_page(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    _assert_french(
        html,
        ["Se connecter", "Mot de passe oublié", "Nom d’utilisateur", "Mot de passe", "Langue"],
        ["Sign in", "Forgotten your password?", "Username", "Password", "Language"],
    )
    # The language switch, a plain form that works without JavaScript, offers English.
    assert f'action="{reverse("set_language")}"' in html
    assert '<option value="fr" selected>Français</option>' in html
    assert '<option value="en">English</option>' in html


def test_the_language_switch_turns_the_sign_in_page_french(client, db):
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in html
    assert "Se connecter" in html


def test_a_new_language_shows_at_once_with_its_message(client_for, staff):
    client = client_for(staff)
    response = client.post(reverse("account"), {"language": "fr"}, follow=True)
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Vos paramètres sont enregistrés." in html
    _assert_french(html, ["Votre compte", "La langue du navigateur"], ["Your account"])
    # Back to English: the confirmation is in English too.
    html = client.post(reverse("account"), {"language": "en"}, follow=True).content.decode()
    assert '<html lang="en">' in html
    assert "Your settings are saved." in html
