"""Text that people type: one validator for every text input of the app.

Forms, the admin, imports and the API all store text through model fields declared with
`SingleLineField`/`MultiLineField` (or a form field of the same names), so every path
refuses the same things with the same message, next to the field:

- control characters (C0, DEL and C1): they are invisible on screen, break spreadsheet
  exports and can smuggle a formula past a check that looks at the first character.
  Multi-line text may hold tabs and line breaks; a single line may not;
- text made only of invisible characters (spaces, zero-width spaces, joiners, direction
  marks, byte-order marks…), which looks empty to a reader but is not empty to a check.

`manage.py check` fails when a text field of the project's models lacks the validator
(core/checks.py), so a new field cannot forget it.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

LINE_BREAKS = "\t\n\r"
# Characters with no visible mark that Unicode does not class as format or space characters.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
# Every C0 control (with tab and line breaks), DEL and every C1 control.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINE_BREAKS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {"\t": _("tab"), "\n": _("line break"), "\r": _("carriage return")}


def _is_invisible(character):
    return (
        character.isspace()
        or character in _BLANK_LETTERS
        or unicodedata.category(character) in ("Cf", "Cc", "Zs", "Zl", "Zp")
    )


def is_blank(value):
    """True for text that shows nothing: empty, or only invisible characters."""
    return all(_is_invisible(character) for character in value)


def is_typed_text(field):
    """Whether a model field holds text people type (and so needs the validator): not a
    choice, a slug, an e-mail address, a user name (Django's validator allows letters,
    digits and @.+-_ only) or a password hash."""
    return (
        isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.SlugField | models.EmailField)
        and field.name not in ("username", "password")
    )


def strip_control(value, *, multiline=False):
    """`value` without the control characters the validator refuses."""
    pattern = _CONTROL_EXCEPT_LINE_BREAKS_RE if multiline else _CONTROL_RE
    return pattern.sub("", value)


def _describe(character):
    return str(_NAMES.get(character, f"U+{ord(character):04X}"))


@deconstructible
class TextValidator:
    """Refuse control characters (but tab and line breaks in multi-line text) and text
    that is only invisible characters."""

    def __init__(self, *, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        if not isinstance(value, str) or value == "":
            return
        pattern = _CONTROL_EXCEPT_LINE_BREAKS_RE if self.multiline else _CONTROL_RE
        found = sorted(set(pattern.findall(value)))
        if found:
            raise ValidationError(
                _(
                    "This text holds characters that cannot be shown or exported "
                    "(%(characters)s): remove them."
                ),
                code="control_characters",
                params={"characters": ", ".join(_describe(c) for c in found)},
            )
        if is_blank(value):
            raise ValidationError(
                _("This holds only invisible characters: type the text itself."),
                code="invisible",
            )

    def __eq__(self, other):
        return isinstance(other, TextValidator) and other.multiline == self.multiline


single_line = TextValidator(multiline=False)
multi_line = TextValidator(multiline=True)


class SingleLineField(models.CharField):
    """A model's one-line text: names, titles, short labels."""

    default_validators = [single_line]


class MultiLineField(models.TextField):
    """A model's free text: descriptions, notes, reasons, citations."""

    default_validators = [multi_line]


class SingleLineFormField(forms.CharField):
    """A form's one-line text that is not a model field (searches, say)."""

    default_validators = [single_line]


class MultiLineFormField(forms.CharField):
    """A form's free text that is not a model field (a return's reason, say)."""

    default_validators = [multi_line]

    def __init__(self, *, rows=3, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)


# What a data migration stores in place of text that was only invisible characters: a
# visible mark rather than nothing, because a row may need the text to be there (a
# return's reason, an item's source).
BLANK_PLACEHOLDER = "—"


def cleaned_stored_value(value, field):
    """What a stored value becomes so that it passes the validator: control characters
    removed, and text left with only invisible characters replaced by the placeholder.
    None when nothing changes."""
    if not isinstance(value, str) or value == "":
        return None
    cleaned = strip_control(value, multiline=isinstance(field, models.TextField))
    if is_blank(cleaned):
        cleaned = BLANK_PLACEHOLDER
    return cleaned if cleaned != value else None


def clean_stored_text(app_label):
    """A data migration's function that cleans every stored text field of an app's
    models (their history included) the way `cleaned_stored_value` says."""

    def clean(apps, schema_editor):
        for model in apps.get_app_config(app_label).get_models():
            fields = [field for field in model._meta.local_fields if is_typed_text(field)]
            if not fields:
                continue
            names = [field.name for field in fields]
            rows = model._base_manager.values_list("pk", *names).iterator(chunk_size=2000)
            for pk, *values in rows:
                changes = {}
                for field, value in zip(fields, values, strict=True):
                    cleaned = cleaned_stored_value(value, field)
                    if cleaned is not None:
                        changes[field.name] = cleaned
                if changes:
                    model._base_manager.filter(pk=pk).update(**changes)

    return clean
