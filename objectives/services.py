"""A strategy's life cycle: which strategy is the default, and starting the next one.

Strategies follow one another and overlap: final reporting on one goes on while the next
starts. Which one dashboards show unless asked is an admin's choice, held by exactly one
strategy: the database refuses a second default (`one_default_strategy`) and these
functions never leave none once a strategy exists.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from .models import Strategy


@transaction.atomic
def make_default(*, strategy):
    """Make `strategy` the default in place of the previous one, in one transaction. Every
    strategy row is locked first, so two admins choosing at once take turns."""
    for other in Strategy.objects.select_for_update().order_by("pk"):
        if other.is_default and other.pk != strategy.pk:
            other.is_default = False
            other.save(update_fields=["is_default"])
    strategy.is_default = True
    strategy.full_clean()
    strategy.save(update_fields=["is_default"])
    return strategy


def keep_a_default(*, strategy):
    """Make `strategy` the default if no strategy is (the first one saved, say)."""
    if not Strategy.objects.filter(is_default=True).exists():
        make_default(strategy=strategy)


def proposed_copy(source):
    """What the next strategy after `source` is first called and when it runs: the same
    length, starting the year after `source` ends; the admin edits any of it."""
    first_year = source.last_year + 1
    last_year = first_year + source.last_year - source.first_year
    old, new = (source.first_year, source.last_year), (first_year, last_year)
    name = source.name
    for separator in ("–", "-"):
        name = name.replace(separator.join(map(str, old)), "–".join(map(str, new)))
    if name == source.name:
        name = f"{source.name} ({first_year}–{last_year})"
    slug = source.slug.replace("-".join(map(str, old)), "-".join(map(str, new)))
    if slug == source.slug:
        slug = slugify(name.replace("–", "-"))
    return {"name": name, "slug": slug, "first_year": first_year, "last_year": last_year}


def _clone(row, **changes):
    """A new row with `row`'s own values (each of its texts as written, in every language),
    then `changes`: a changed text is that text in English, its translations left empty."""
    model = type(row)
    values = {
        field.attname: getattr(row, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in changes
        and getattr(field, "translated_field", field).name not in changes
    }
    clone = model(**values, **changes)
    clone.full_clean()
    clone.save()
    return clone


@transaction.atomic
def copy_strategy(*, source, name, slug, first_year, last_year, open_for_evidence_until=None):
    """Start a strategy from a copy of `source`: its target, texts, target countries,
    objectives and sub-objectives, under a new name and period. The copy is never the
    default: an admin makes it so when dashboards should show it. The new name is taken as
    its English name, whichever language the admin reads."""
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return _copy_strategy(
            source,
            name=name,
            slug=slug,
            first_year=first_year,
            last_year=last_year,
            open_for_evidence_until=open_for_evidence_until,
        )


def _copy_strategy(source, **changes):
    strategy = _clone(source, **changes, is_default=False)
    strategy.target_countries.set(source.target_countries.all())
    for objective in source.objectives.prefetch_related("sub_objectives"):
        copied = _clone(objective, strategy=strategy)
        for sub_objective in objective.sub_objectives.all():
            _clone(sub_objective, objective=copied)
    return strategy
