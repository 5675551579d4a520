"""The strategy's texts in each language of `LANGUAGES` (django-modeltranslation): one
column per language (`name_fr`) beside the original, which keeps English; a missing
translation shows the English.

The audit history is registered here, after the translations, so that it records every
language's text (`core.translated.register_history`)."""

from modeltranslation.translator import register

from core.translated import TextsOptions, register_history

from .models import Objective, Strategy, SubObjective


@register(Strategy)
class StrategyTranslation(TextsOptions):
    fields = ("name", "vision", "mission", "priority")


@register(Objective)
class ObjectiveTranslation(TextsOptions):
    fields = ("title", "short_title")


@register(SubObjective)
class SubObjectiveTranslation(TextsOptions):
    fields = ("text", "short_title")


register_history(Strategy, m2m_fields=[Strategy._meta.get_field("target_countries")])
register_history(Objective)
register_history(SubObjective)
