"""Load a strategy described as data (see `strategy_2015_2020.py`).

Loading only adds what is missing: rows that exist are left as they are, so running
it twice changes nothing and never undoes an admin's edits. Translations the data ships
(`translations`, French for the 2015–2020 strategy) are added where a row has none yet.
Texts are written in English, the original language, whoever runs it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation

from core.translated import fill_missing_translations, translation_columns
from countries.models import Country

from .models import Objective, Strategy, SubObjective
from .services import keep_a_default


@dataclass
class LoadReport:
    created: list = field(default_factory=list)

    def add(self, obj, created):
        if created:
            self.created.append(f"{obj._meta.verbose_name}: {obj}")

    def translated(self, obj, data, created):
        """Add the data's translations a row loaded earlier lacks (a new row has them)."""
        if created:
            return
        if fill_missing_translations(obj, data.get("translations", {})):
            self.created.append(f"translation of {obj._meta.verbose_name}: {obj}")


def load_strategy(data):
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return _load_strategy(data)


@transaction.atomic
def _load_strategy(data):
    report = LoadReport()
    strategy, created = _get_or_create_strategy(data)
    report.add(strategy, created)
    report.translated(strategy, data, created)
    keep_a_default(strategy=strategy)
    for objective_data in data["objectives"]:
        objective, created = Objective.objects.get_or_create(
            strategy=strategy,
            number=objective_data["number"],
            defaults={
                "title": objective_data["title"],
                "short_title": objective_data["short_title"],
                **translation_columns(objective_data.get("translations", {})),
            },
        )
        report.add(objective, created)
        report.translated(objective, objective_data, created)
        for sub_data in objective_data["sub_objectives"]:
            sub_objective, created = SubObjective.objects.get_or_create(
                objective=objective,
                number=sub_data["number"],
                defaults={
                    "text": sub_data["text"],
                    "short_title": sub_data["short_title"],
                    **translation_columns(sub_data.get("translations", {})),
                },
            )
            report.add(sub_objective, created)
            report.translated(sub_objective, sub_data, created)
    for code, theme in data["target_countries"]:
        country, created = Country.objects.get_or_create(
            code=code, defaults={"programme_theme": theme}
        )
        report.add(country, created)
        if not strategy.target_countries.filter(pk=country.pk).exists():
            strategy.target_countries.add(country)
            report.created.append(f"target country of {strategy}: {country}")
    return strategy, report


STRATEGY_FIELDS = (
    "name",
    "first_year",
    "last_year",
    "target_country_count",
    "vision",
    "mission",
    "priority",
)


def _get_or_create_strategy(data):
    return Strategy.objects.get_or_create(
        slug=data["slug"],
        defaults={key: data[key] for key in STRATEGY_FIELDS}
        | translation_columns(data.get("translations", {})),
    )
