"""The one text validator: what it refuses, where it applies, and the stored rows it cleans."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test.utils import isolate_apps

from core import checks, text
from evidence.models import Evidence, Transition

from ..factories import EvidenceFactory, TransitionFactory

CONTROL_CHARACTERS = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9f",
]
INVISIBLE_ONLY = ["\u200b", " \u200b\u200d\ufeff ", "\u2060", "\u3164", "\u00ad", "\u202e"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
@pytest.mark.parametrize("validator", [text.single_line, text.multi_line])
def test_control_characters_are_refused_in_any_text(validator, character):
    with pytest.raises(ValidationError) as refused:
        validator(f"Report{character}=HYPERLINK(1)")
    assert refused.value.code == "control_characters"
    assert f"U+{ord(character):04X}" in refused.value.messages[0]


def test_tabs_and_line_breaks_are_refused_on_one_line_and_allowed_in_free_text():
    with pytest.raises(ValidationError, match="tab, line break"):
        text.single_line("A title\twith\na break")
    text.multi_line("First paragraph.\r\n\r\n\tSecond, indented.")


@pytest.mark.parametrize("value", INVISIBLE_ONLY)
def test_text_made_only_of_invisible_characters_is_refused(value):
    for validator in (text.single_line, text.multi_line):
        with pytest.raises(ValidationError) as refused:
            validator(value)
        assert refused.value.code == "invisible"


@pytest.mark.parametrize(
    "value",
    [
        "Loi n° 2015-031 portant incrimination de l’esclavage",
        "قانون تجريم العبودية\u200f 2015",  # a right-to-left mark inside real text
        "Brick kilns 🧱 in Punjab — 2019",
        "",
    ],
)
def test_real_text_in_any_script_passes(value):
    text.single_line(value)
    text.multi_line(value)


def test_every_typed_text_field_of_the_project_uses_the_validator():
    """The system check passes on the project as it is…"""
    assert checks.text_fields_are_validated() == []


@isolate_apps("core")
def test_the_system_check_names_a_new_text_field_without_the_validator():
    """…and fails on a model that forgets the validator."""

    class Note(models.Model):
        body = models.TextField()
        kind = models.CharField(max_length=5, choices=[("a", "A")])
        checked = text.MultiLineField()

        class Meta:
            app_label = "core"

        def __str__(self):
            return self.body

    assert [field.name for field in checks.unvalidated_text_fields([Note])] == ["body"]


def test_the_validator_runs_for_every_path_that_saves_a_model(niger):
    """Services and the admin call full_clean, which runs the model field's validators."""
    evidence = EvidenceFactory.build(country=niger, title="\x01=HYPERLINK(1)")
    with pytest.raises(ValidationError) as refused:
        evidence.full_clean(exclude=["author", "sub_objective"])
    assert list(refused.value.message_dict) == ["title"]


@pytest.mark.django_db
def test_the_data_migration_cleans_text_stored_before_the_validator(niger):
    evidence = EvidenceFactory(country=niger)
    transition = TransitionFactory(evidence=evidence)
    # Stored as the audit found them: written before any check.
    Evidence.objects.filter(pk=evidence.pk).update(
        title="\x01=HYPERLINK(1)",
        description="Line one\x0b\nline two\x85",
        source_citation="\u200b",
    )
    Transition.objects.filter(pk=transition.pk).update(reason="\u200b")
    evidence.history.update(title="Old\x02 title")

    text.clean_stored_text("evidence")(apps, None)

    evidence.refresh_from_db()
    transition.refresh_from_db()
    assert evidence.title == "=HYPERLINK(1)"
    assert evidence.description == "Line one\nline two"
    # A visible mark where the text was invisible: the item keeps a source, the return a reason.
    assert evidence.source_citation == transition.reason == text.BLANK_PLACEHOLDER
    assert evidence.history.get().title == "Old title"  # its history too
