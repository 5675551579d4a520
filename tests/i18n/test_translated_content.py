"""The strategy's content is data in each language (django-modeltranslation): French
readers see the French texts the loaders ship, English where a translation is missing,
searches find a text in any language, and the original column keeps the English."""

import datetime
import importlib
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from objectives.models import Objective, Strategy, SubObjective
from resilience.models import CycleStage, Resource, Review, TopicArea
from resilience.starter import load_starter_set
from tests.factories import EvidenceFactory, PlaceFactory, SubObjectiveFactory


@pytest.fixture
def french_staff(staff):
    staff.language = "fr"
    staff.save()
    return staff


def sub_objective(code):
    objective, number = code.split(".")
    return SubObjective.objects.get(
        objective__strategy__slug="2015-2020", objective__number=objective, number=number
    )


def test_load_strategy_loads_the_french_texts(strategy):
    assert strategy.name_fr == "Stratégie 2015–2020"
    assert strategy.vision_fr == "Un monde libéré de l’esclavage."
    assert Objective.objects.filter(strategy=strategy, title_fr="").count() == 0
    three_one = sub_objective("3.1")
    assert (
        three_one.short_title_fr == "Les partenaires locaux remettent en cause les normes sociales"
    )
    assert SubObjective.objects.filter(text_fr__isnull=True).count() == 0
    with translation.override("fr"):
        assert str(three_one) == "3.1 Les partenaires locaux remettent en cause les normes sociales"
    with translation.override("en"):
        assert str(three_one) == "3.1 Local partners challenge social norms"


def test_the_original_columns_keep_the_english(strategy):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, name_en FROM objectives_strategy WHERE slug = '2015-2020'")
        assert cursor.fetchone() == ("Strategy 2015–2020", "Strategy 2015–2020")


def test_loading_again_adds_french_only_where_it_is_missing(strategy):
    from objectives.loading import load_strategy
    from objectives.strategy_2015_2020 import STRATEGY_2015_2020

    three_one = sub_objective("3.1")
    three_one.short_title_fr = "Nos partenaires contestent les normes"
    three_one.save()
    SubObjective.objects.filter(pk=sub_objective("1.2").pk).update(text_fr=None)

    _strategy, report = load_strategy(STRATEGY_2015_2020)

    assert report.created == [f"translation of sub-objective: {sub_objective('1.2')}"]
    assert sub_objective("3.1").short_title_fr == "Nos partenaires contestent les normes"
    assert sub_objective("1.2").text_fr.startswith("Les entreprises ont adopté")


def test_a_french_reader_sees_the_strategy_in_french(client_for, french_staff, niger):
    html = client_for(french_staff).get(reverse("countries:detail", args=["NE"])).content.decode()
    assert "Stratégie 2015–2020" in html
    assert "Les partenaires locaux remettent en cause les normes sociales" in html
    assert "Local partners challenge social norms" not in html


def test_a_missing_translation_shows_the_english(client_for, french_staff, strategy):
    SubObjective.objects.filter(pk=sub_objective("3.1").pk).update(short_title_fr=None)
    untranslated = SubObjectiveFactory(objective=sub_objective("3.1").objective, number=9)
    html = client_for(french_staff).get(reverse("countries:detail", args=["NE"])).content.decode()
    assert "Local partners challenge social norms" in html
    assert untranslated.text in html
    assert "Les partenaires locaux contestent" not in html


def test_an_admin_edits_both_languages_side_by_side_and_english_stays_original(
    client_for, superuser, strategy
):
    superuser.language = "fr"
    superuser.save()
    client = client_for(superuser)
    url = reverse("admin:objectives_subobjective_change", args=[sub_objective("3.1").pk])
    page = client.get(url).content.decode()
    assert 'name="text_en"' in page and 'name="text_fr"' in page
    assert 'name="short_title_en"' in page and 'name="short_title_fr"' in page
    response = client.post(
        url,
        {
            "objective": sub_objective("3.1").objective_id,
            "number": 1,
            "text_en": "Local partners challenge norms.",
            "text_fr": "Les partenaires locaux contestent les normes.",
            "short_title_en": "Local partners challenge norms",
            "short_title_fr": "Les partenaires contestent les normes",
        },
    )
    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT text, short_title FROM objectives_subobjective WHERE id = %s",
            [sub_objective("3.1").pk],
        )
        assert cursor.fetchone() == (
            "Local partners challenge norms.",
            "Local partners challenge norms",
        )
    latest = sub_objective("3.1").history.first()
    assert latest.short_title_fr == "Les partenaires contestent les normes"


def test_the_evidence_list_finds_a_sub_objective_in_either_language(client_for, manager):
    about_norms = EvidenceFactory(title="Village meetings", sub_objective=sub_objective("3.1"))
    EvidenceFactory(title="A new law", sub_objective=sub_objective("1.1"))
    client = client_for(manager)
    for words in ["remettent en cause", "challenge social norms"]:
        page = client.get(reverse("evidence:list"), {"q": words}).content.decode()
        assert about_norms.title in page, words
        assert "A new law" not in page, words


def test_the_resources_library_finds_a_summary_in_either_language(client_for, manager):
    load_starter_set()
    client = client_for(manager)
    for words in ["devoir de vigilance contraignant", "binding due-diligence"]:
        page = client.get(reverse("resilience:resources"), {"q": words}).content.decode()
        assert "Towards mandatory due diligence" in page, words
        assert "Spotlight Report" not in page, words


def test_load_resilience_loads_french_for_the_starter_set(strategy):
    load_starter_set()
    assert CycleStage.objects.get(order=1).name_fr == "Comprendre le lieu"
    assert TopicArea.objects.get(name_en="Cultural norms").name_fr == "Normes culturelles"
    assert not Resource.objects.filter(summary_fr__isnull=True).exists()
    with translation.override("fr"):
        assert str(TopicArea.objects.get(name_en="Conflict")) == "Conflits"


def test_a_french_reader_sees_french_stages_in_the_comparison_grid(client_for, french_staff, niger):
    load_starter_set()
    place = PlaceFactory(country=niger, name="Tahoua")
    Review.objects.create(
        place=place,
        date=datetime.date(2020, 3, 1),
        stage=CycleStage.objects.get(order=2),
        recorded_by=french_staff,
    )
    page = client_for(french_staff).get(reverse("resilience:compare")).content.decode()
    assert "Tahoua" in page
    assert "Planifier ensemble" in page
    assert "Plan together" not in page


def test_the_data_migration_starts_english_columns_from_the_originals(strategy):
    Strategy.objects.update(name_en=None)
    name = "0005_texts_in_each_language"
    state = MigrationLoader(connection).project_state(("objectives", name))
    importlib.import_module(f"objectives.migrations.{name}").copy_english(state.apps, None)
    assert Strategy.objects.get(slug="2015-2020").name_en == "Strategy 2015–2020"


THIRD_LANGUAGE = """
import django, json
from django.conf import settings
settings.LANGUAGES = [*settings.LANGUAGES, ("xx", "Test language")]
django.setup()
from django.core.management import call_command
from django.utils import translation
from io import StringIO
from objectives.models import SubObjective
sub = SubObjective(number=1, text="Local partners challenge social norms", text_fr="En français")
found = {}
with translation.override("xx"):
    found["fallback"] = sub.text
    sub.text_xx = "In the test language"
    found["translated"] = sub.text
with translation.override("fr"):
    found["french"] = sub.text
plan = StringIO()
call_command("makemigrations", "objectives", "resilience", dry_run=True, stdout=plan)
found["plan"] = plan.getvalue()
print(json.dumps(found))
"""


def test_a_third_language_is_a_settings_change_plus_translations():
    done = subprocess.run(
        [sys.executable, "-c", THIRD_LANGUAGE],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "strategy_tracker.settings", "PATH": ""},
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["fallback"] == "Local partners challenge social norms"
    assert found["translated"] == "In the test language"
    assert found["french"] == "En français"
    for column in ["text_xx to subobjective", "name_xx to strategy", "summary_xx to resource"]:
        assert f"Add field {column}" in found["plan"]
