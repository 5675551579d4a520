"""System checks that keep rules of the whole project from being forgotten by a new model."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks

from .text import TextValidator, is_typed_text


def project_app_configs():
    """The apps of this project, as opposed to Django's and third parties'."""
    root = Path(settings.BASE_DIR).resolve()
    venvs = set(root.glob(".venv*"))
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if root in path.parents and not any(venv in path.parents for venv in venvs):
            yield config


def unvalidated_text_fields(models):
    """The fields of `models` that hold typed text but skip the text validator."""
    for model in models:
        if getattr(model, "instance_type", None):
            continue  # django-simple-history's copy of a model: written from the model
        for field in model._meta.local_fields:
            if is_typed_text(field) and not any(
                isinstance(validator, TextValidator) for validator in field.validators
            ):
                yield field


@checks.register(checks.Tags.models)
def text_fields_are_validated(app_configs=None, **kwargs):
    """Every text field people type into goes through the one text validator (core.text)."""
    models = [model for config in project_app_configs() for model in config.get_models()]
    return [
        checks.Error(
            f"{field.model._meta.label}.{field.name} is text that people type but does not "
            "use the text validator.",
            hint="Declare it as core.text.SingleLineField or MultiLineField "
            "(or add validators=[core.text.single_line]).",
            obj=field,
            id="core.E001",
        )
        for field in unvalidated_text_fields(models)
    ]
