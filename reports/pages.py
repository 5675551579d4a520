"""What the report and narrative pages show: the view-models the views hand to templates."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils import timezone, translation

from core.access import has_role, is_manager, require
from core.roles import roles_of
from objectives import selection
from progress import rollup

from . import access
from .forms import LANGUAGES
from .models import Narrative, ReportFile


def report_query(period, language):
    return urlencode(
        {"strategy": period.strategy.slug, "as_of": period.as_of.isoformat(), "language": language}
    )


RECENT_REPORT_FILES = 5


def index_page(period, user):
    """The report's choices: the period (any date, a year end in one click) and a language."""
    strategy = period.strategy
    current = translation.get_language()[:2]
    return {
        "strategy": strategy,
        "period": period,
        "form": period.form,
        "as_of": period.as_of,
        "year_ends": [rollup.year_end(year) for year in strategy.years],
        "switcher": selection.switcher(strategy, timezone.localdate()),
        "reports": [
            (code, label, report_query(period, code))
            for code, label in sorted(LANGUAGES, key=lambda choice: choice[0] != current)
        ],
        "recent": ReportFile.objects.filter(requested_by=user).select_related("strategy")[
            :RECENT_REPORT_FILES
        ],
    }


def _countries_for(user, strategy):
    """The countries whose narratives a reader lists: managers all target countries, staff
    the target countries they are assigned to."""
    countries = sorted(strategy.target_countries.all(), key=lambda c: str(c.name))
    if is_manager(user):
        return countries
    return [country for country in countries if country.pk in roles_of(user).country_ids]


def narratives_page(user, strategy):
    """A grid of the strategy's countries × years: each narrative's status, as far as the
    reader may see it, and where to write the missing ones (staff)."""
    require(has_role(user))
    found = {
        (n.country_id, n.year): n
        for n in Narrative.objects.visible_to(user).filter(strategy=strategy)
    }
    rows = [
        {
            "country": country,
            "can_write": access.can_write(user, country),
            "years": [(year, found.get((country.pk, year))) for year in strategy.years],
        }
        for country in _countries_for(user, strategy)
    ]
    waiting = [n for n in found.values() if n.status == Narrative.Status.SUBMITTED]
    return {
        "strategy": strategy,
        "switcher": selection.switcher(strategy, timezone.localdate()),
        "rows": rows,
        "years": strategy.years,
        "waiting": sorted(waiting, key=lambda n: (str(n.country.name), n.year))
        if is_manager(user)
        else [],
    }


def narrative_of(user, strategy, country, year):
    """The narrative a writer edits (None if not written yet); 403 unless they write for
    the country, 404 for a year outside the strategy."""
    require(access.can_write(user, country))
    if year not in strategy.years:
        raise Http404
    narrative = Narrative.objects.filter(strategy=strategy, country=country, year=year).first()
    require(narrative is None or narrative.is_editable)
    return narrative


def narrative_initial(narrative):
    if narrative is None:
        return {"version": 0}
    return {
        "text_en": narrative.text_en,
        "text_fr": narrative.text_fr,
        "version": narrative.version,
    }


def narrative_page(user, narrative, return_form):
    """A narrative, its steps (return reasons for its country's staff and managers) and
    what the reader may do with it."""
    sees_reasons = is_manager(user) or access.can_write(user, narrative.country)
    return {
        "narrative": narrative,
        "transitions": narrative.transitions.select_related("actor"),
        "sees_reasons": sees_reasons,
        "can_edit": access.can_edit(user, narrative),
        "can_review": access.can_review(user, narrative),
        "return_form": return_form,
    }
