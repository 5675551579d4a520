"""The resilience framework's texts in each language of `LANGUAGES`, and their audit
history with every language's text (see `objectives/translation.py`)."""

from modeltranslation.translator import register

from core.translated import TextsOptions, register_history

from .models import CycleStage, Resource, TopicArea


@register(CycleStage)
class CycleStageTranslation(TextsOptions):
    fields = ("name", "description")


@register(TopicArea)
class TopicAreaTranslation(TextsOptions):
    fields = ("name", "description")


@register(Resource)
class ResourceTranslation(TextsOptions):
    fields = ("summary",)


register_history(CycleStage)
register_history(TopicArea)
register_history(
    Resource,
    m2m_fields=[Resource._meta.get_field(name) for name in ("sub_objectives", "topic_areas")],
)
