"""Texts kept in each language of `LANGUAGES` (django-modeltranslation), with their audit
history (django-simple-history). Models register their translated fields in their app's
`translation.py`; everything else reads and writes them as plain fields."""

import simple_history
from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.fields import TranslationField
from modeltranslation.translator import TranslationOptions
from modeltranslation.utils import get_language


class TextsOptions(TranslationOptions):
    # An empty translation is NULL, not "": unique names stay unique only where written.
    empty_values = None


class EnglishOriginal(models.Model):
    """A model with translated texts whose original column always holds the English (the
    default language), whichever language the person saving it reads: raw SQL, backups
    and the columns of its history read the text as first written."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


def register_history(model, **options):
    """Record `model`'s history with every language's text. Registered after the
    translations (the documented way with modeltranslation), in `translation.py`."""
    simple_history.register(model, **options)
    for field in model.history.model._meta.fields:
        # History rows repeat a name many times; modeltranslation's copies of a unique
        # field would otherwise stay unique in the history table.
        if isinstance(field, TranslationField) and field.translated_field.unique:
            field._field_options_kwargs = {"unique": False, "db_index": True}
            field._unique = False
            field.db_index = True


def translation_columns(translations):
    """{"fr": {"name": …}} as column values ({"name_fr": …}), for the site's languages."""
    languages = {code for code, _name in settings.LANGUAGES}
    return {
        f"{field}_{language}": text
        for language, texts in translations.items()
        if language in languages
        for field, text in texts.items()
    }


def fill_missing_translations(row, translations):
    """Write each translation of `translations` ({"fr": {"name": …}}) that `row` lacks, for
    the languages the site has, and save it if any was missing. Loaders use it so that a
    rerun adds the texts they ship without overwriting an admin's own."""
    missing = {
        name: text
        for name, text in translation_columns(translations).items()
        if not getattr(row, name)
    }
    for name, text in missing.items():
        setattr(row, name, text)
    if missing:
        row.save(update_fields=list(missing))
    return bool(missing)


def in_every_language(model, path):
    """The lookup paths that search `path` (such as "sub_objective__text") in each
    language: one per language for a translated text, `path` itself otherwise."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    codes = [code for code, _name in settings.LANGUAGES]
    columns = {field.name for field in model._meta.get_fields()}
    if f"{name}_{codes[0]}" not in columns:
        return [path]
    return [f"{path}_{code}" for code in codes]


def in_reader_language(path):
    """An expression reading the translated text at `path` (such as "stage__name") in the
    active language, falling back to English as the models' own attributes do: for reads
    through a model that is not translated itself (annotations, subqueries)."""
    order = dict.fromkeys([get_language(), settings.MODELTRANSLATION_DEFAULT_LANGUAGE])
    texts = [NullIf(F(f"{path}_{code}"), Value("")) for code in order]
    return Coalesce(*texts, F(path), output_field=models.TextField())
