"""What the dashboard's pages show: the view-models the views hand to their templates.

Every page of the progress read-out shows one strategy as of one date (a `Period`), and
every link between them (dashboard, drill-downs, the evidence lists behind the cells)
carries both, so the reader never loses the date they chose.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import exports as table_exports
from core.access import is_assigned_staff
from evidence import ratings
from evidence.models import Evidence, could_see
from objectives import selection
from objectives.models import Strategy, SubObjective
from progress import presentation, rollup

from .forms import AsOfForm


@dataclass(frozen=True)
class Period:
    """A strategy and the date its progress is read as of."""

    strategy: Strategy
    as_of: object
    form: AsOfForm
    valid: bool = True

    @classmethod
    def from_query(cls, query, strategy):
        """From `?as_of=`; without one, or with one that is not a date (then `valid` is
        False): today, or the strategy's last day once it has ended."""
        default = rollup.default_as_of(strategy, timezone.localdate())
        if not query.get("as_of"):
            form = AsOfForm(initial={"as_of": default, "strategy": strategy.slug})
            return cls(strategy, default, form)
        form = AsOfForm(query)
        if form.is_valid():
            return cls(strategy, form.cleaned_data["as_of"], form)
        return cls(strategy, default, form, valid=False)

    @property
    def query(self):
        """The query string that keeps this period across pages."""
        return urlencode({"strategy": self.strategy.slug, "as_of": self.as_of.isoformat()})

    @property
    def year_columns(self):
        """Headings of a status history's columns: each year end up to the as-of date, the
        last one being the as-of date itself when it is not a year end."""
        years = rollup.years_until(self.strategy, self.as_of)
        labels = [_("End %(year)s") % {"year": year} for year in years]
        if years and self.as_of != rollup.year_end(years[-1]):
            labels[-1] = _("On %(date)s") % {"date": date_format(self.as_of, "SHORT_DATE_FORMAT")}
        return labels


def cell_evidence_url(period, country, sub_objective):
    """The evidence list showing exactly the verified evidence behind one matrix cell."""
    query = {
        "strategy": period.strategy.slug,
        "country": country.pk,
        "sub_objective": sub_objective.pk,
        "status": Evidence.Status.VERIFIED,
        "date_to": period.as_of.isoformat(),
    }
    return f"{reverse('evidence:list')}?{urlencode(query)}"


def matrix_rows(dashboard, shown, period, qualifying):
    """The matrix ready to print: each country with its drill-down link and its cells,
    each linking to the verified evidence behind it and marked when it qualifies towards
    the headline (`qualifying`: `rollup.qualifying_cells`). Built here rather than in the
    template, which would resolve each value per cell."""
    rows = []
    for country, significant, cells in dashboard.matrix():
        name = str(country)
        rows.append(
            {
                "name": name,
                "url": f"{reverse('dashboard:country', args=[country.code.code.lower()])}"
                f"?{period.query}",
                "significant": significant,
                "cells": [
                    {
                        "status": shown[status],
                        "title": f"{name}, {sub.code}: {shown[status].label}",
                        "code": sub.code,
                        "qualifies": (country.pk, sub.pk) in qualifying,
                        "url": cell_evidence_url(period, country, sub),
                    }
                    for sub, status in cells
                ],
            }
        )
    return rows


def _objective_progress(dashboard, shown):
    return [
        {
            "objective": objective,
            "bar": presentation.distribution_bar(dashboard.by_objective[objective.pk], shown),
            "sub_objectives": [
                {
                    "sub_objective": sub,
                    "bar": presentation.distribution_bar(dashboard.by_sub_objective[sub.pk], shown),
                }
                for sub in dashboard.sub_objectives
                if sub.objective_id == objective.pk
            ],
        }
        for objective in dashboard.objectives
    ]


def qualifying_cells(dashboard):
    """The matrix's cells that make their country count, as of the dashboard's date."""
    return rollup.qualifying_cells(
        dashboard.strategy,
        dashboard.as_of,
        countries=dashboard.countries,
        sub_objectives=dashboard.sub_objectives,
    )


def dashboard_page(dashboard, period):
    shown = presentation.displays()
    strategy = period.strategy
    return {
        "dashboard": dashboard,
        "strategy": strategy,
        "period": period,
        "switcher": selection.switcher(strategy, timezone.localdate()),
        "form": period.form,
        "as_of": period.as_of,
        "year_ends": [rollup.year_end(year) for year in strategy.years],
        "significant": [
            (country, dashboard.significant_since[country.pk])
            for country in dashboard.significant_countries
        ],
        "headline_chart": presentation.headline_columns(dashboard),
        "matrix": matrix_rows(dashboard, shown, period, qualifying_cells(dashboard)),
        "legend": presentation.legend(shown),
        "progress": _objective_progress(dashboard, shown),
        "by_objective": presentation.evidence_by_objective(dashboard),
        "by_level": presentation.evidence_by_level(dashboard),
        "levels": Evidence.Level.choices,
        "coverage_percent": round(dashboard.coverage * 100),
        # An upper bound of the evidence export's rows, known without counting them.
        "too_many_for_excel": dashboard.verified_count > table_exports.EXCEL_MAX_ROWS,
    }


def _drilldown(period, *, countries, sub_objectives, rows, key):
    """The status history of some cells at each year end up to the as-of date (the last
    column on the as-of date itself): one row per country or per sub-objective."""
    history = rollup.status_by_year(
        period.strategy, countries=countries, sub_objectives=sub_objectives, as_of=period.as_of
    )
    shown = presentation.displays()
    years = rollup.years_until(period.strategy, period.as_of)
    return {
        "strategy": period.strategy,
        "period": period,
        "rows": [(row, [shown[history[key(row, year)]] for year in years]) for row in rows],
        "legend": presentation.legend(shown),
    }


def country_drilldown(country, period, user):
    """A country's status per sub-objective, and since when it counts for the headline
    because of which item (named only if the reader may see it)."""
    _countries, sub_objectives = rollup.target_cells(period.strategy)
    qualifying = rollup.qualifying_cells(
        period.strategy, period.as_of, countries=[country], sub_objectives=sub_objectives
    )
    first_item = rollup.first_qualifying_items(
        period.strategy,
        period.as_of,
        countries=[country],
        sub_objectives=sub_objectives,
        qualifying=qualifying,
    ).get(country.pk)
    return {
        **_drilldown(
            period,
            countries=[country],
            sub_objectives=sub_objectives,
            rows=sub_objectives,
            key=lambda sub, year: (country.pk, sub.pk, year),
        ),
        "country": country,
        "sub_objectives": sub_objectives,
        "significant_since": first_item.date if first_item else None,
        "first_item": first_item,
        "first_item_visible": first_item is not None and could_see(user, first_item),
        "qualifying": [
            (sub, qualifying[(country.pk, sub.pk)])
            for sub in sub_objectives
            if (country.pk, sub.pk) in qualifying
        ],
    }


def sub_objective_drilldown(sub_objective, period):
    """A sub-objective's status in each target country."""
    countries, _sub_objectives = rollup.target_cells(period.strategy)
    return {
        **_drilldown(
            period,
            countries=countries,
            sub_objectives=[sub_objective],
            rows=countries,
            key=lambda country, year: (country.pk, sub_objective.pk, year),
        ),
        "sub_objective": sub_objective,
    }


# Latest evidence shown per sub-objective on a country page; the full list is one link away.
EVIDENCE_PER_SUB_OBJECTIVE = 5


def _latest_evidence(country, user, sub_objectives):
    """{sub_objective_id: its latest items the reader may see}, one more than shown, to
    know whether to link to the rest: a query per sub-objective, each reading a few
    entries of the cell's newest-first index, however long the list."""
    visible = rollup.with_qualifies(
        Evidence.objects.visible_to(user).filter(country=country).select_related("author")
    )
    newest = visible.order_by("-date", "-pk")
    return {
        sub.pk: list(newest.filter(sub_objective=sub)[: EVIDENCE_PER_SUB_OBJECTIVE + 1])
        for sub in sub_objectives
    }


def country_page(country, user, strategy):
    """A country's page: each sub-objective's status today and the latest evidence the
    reader may see of it (verified or not), grouped by objective."""
    today = timezone.localdate()
    sub_objectives = list(SubObjective.objects.of_strategy(strategy).select_related("objective"))
    statuses = rollup.cell_statuses(
        strategy, today, countries=[country], sub_objectives=sub_objectives
    )
    latest = _latest_evidence(country, user, sub_objectives)

    objectives = []
    for sub in sub_objectives:
        if not objectives or objectives[-1]["objective"] != sub.objective:
            objectives.append(
                {"objective": sub.objective, "rows": [], "distribution": rollup.Distribution()}
            )
        status = statuses.get((country.pk, sub.pk))
        objectives[-1]["distribution"].add(status)
        objectives[-1]["rows"].append(
            {
                "sub_objective": sub,
                "status": status,
                "status_label": ratings.label(status),
                "evidence": latest[sub.pk][:EVIDENCE_PER_SUB_OBJECTIVE],
                "more": len(latest[sub.pk]) > EVIDENCE_PER_SUB_OBJECTIVE,
            }
        )
    for group in objectives:
        group["summary"] = [
            (status, ratings.label(status), count)
            for status, count in group.pop("distribution").rows()
            if count
        ]
    return {
        "country": country,
        "strategy": strategy,
        "switcher": selection.switcher(strategy, today),
        "objectives": objectives,
        "can_log": is_assigned_staff(user, country),
        "today": today,
    }


def headline_page(period, user):
    """Every target country with whether it counts towards the headline as of the period's
    date, since when and because of which item; for those that do not, how many items
    are rated significant change without meeting the definition."""
    rows = [
        {
            "count": count,
            "url": f"{reverse('dashboard:country', args=[count.country.code.code.lower()])}"
            f"?{period.query}",
            "item_visible": count.first_item is not None and could_see(user, count.first_item),
            "not_qualifying": count.rated_significant - count.qualifying,
        }
        for count in rollup.headline_evidence(period.strategy, period.as_of)
    ]
    rows.sort(key=lambda row: (not row["count"].counts, row["count"].since or period.as_of))
    return {
        "strategy": period.strategy,
        "period": period,
        "form": period.form,
        "as_of": period.as_of,
        "year_ends": [rollup.year_end(year) for year in period.strategy.years],
        "switcher": selection.switcher(period.strategy, timezone.localdate()),
        "rows": rows,
        "headline": sum(1 for row in rows if row["count"].counts),
        "target": period.strategy.target_country_count,
    }
