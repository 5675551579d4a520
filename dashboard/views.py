from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import validate_slug
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evidence import access
from evidence.models import Evidence
from objectives.models import Strategy, SubObjective
from resilience.models import Resource
from strategy_tracker import paging

from . import exports, presentation, rollup
from .forms import AsOfForm


def _strategy(request):
    """`?strategy=<slug>`, else the current strategy. Strategies are not protected data."""
    slug = request.GET.get("strategy")
    if slug:
        try:
            validate_slug(slug)  # anything else (a NUL byte, say) names no strategy
        except ValidationError:
            raise Http404 from None
        return get_object_or_404(Strategy, slug=slug)
    strategy = Strategy.objects.current()
    if strategy is None:
        raise Http404(_("No strategy has been loaded yet."))
    return strategy


def _as_of(request, strategy):
    """(form, as-of date, valid?) from the query string. Without a date, or with one
    that is not a date: today, or the strategy's last day once it has ended."""
    default = rollup.default_as_of(strategy, timezone.localdate())
    if not request.GET.get("as_of"):
        return AsOfForm(initial={"as_of": default, "strategy": strategy.slug}), default, True
    form = AsOfForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["as_of"], True
    return form, default, False


@login_required
def index(request):
    access.require_manager(request.user)
    strategy = _strategy(request)
    form, as_of, valid = _as_of(request, strategy)
    if not valid:
        messages.error(
            request,
            _("That is not a date. Showing the dashboard as of %(date)s.")
            % {"date": date_format(as_of)},
        )
    dashboard = rollup.build_dashboard(strategy, as_of)
    shown = presentation.displays()
    progress = [
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
    matrix = presentation.matrix_rows(
        dashboard,
        shown,
        country_url=lambda country: _country_url(country, strategy),
        evidence_url=reverse("evidence:list"),
    )
    return render(
        request,
        "dashboard/index.html",
        {
            "dashboard": dashboard,
            "strategy": strategy,
            "strategies": Strategy.objects.exclude(pk=strategy.pk),
            "form": form,
            "as_of": as_of,
            "year_ends": [rollup.year_end(year) for year in strategy.years],
            "significant": [
                (country, dashboard.significant_since[country.pk])
                for country in dashboard.significant_countries
            ],
            "headline_chart": presentation.headline_columns(dashboard),
            "matrix": matrix,
            "legend": presentation.legend(shown),
            "progress": progress,
            "by_objective": presentation.evidence_by_objective(dashboard),
            "by_level": presentation.evidence_by_level(dashboard),
            "levels": Evidence.Level.choices,
            "coverage_percent": round(dashboard.coverage * 100),
        },
    )


def _country_url(country, strategy):
    url = reverse("dashboard:country", args=[country.code.code.lower()])
    return f"{url}?strategy={strategy.slug}"


def _history_rows(history, rows, columns, key, years, shown):
    """[(row, [status display at each year end]), …] from rollup.status_by_year."""
    return [
        (
            row,
            [shown[history[key(row, column, year)]] for column in columns for year in years],
        )
        for row in rows
    ]


@login_required
def country(request, code):
    """A country's sub-objectives year by year, and the verified evidence behind them."""
    target = access.country_for(request.user, code)
    strategy = _strategy(request)
    _, sub_objectives = rollup.target_cells(strategy)
    history = rollup.status_by_year(strategy, countries=[target], sub_objectives=sub_objectives)
    shown = presentation.displays()
    since = rollup.significant_change_dates(
        strategy, countries=[target], sub_objectives=sub_objectives
    ).get(target.pk)
    evidence = (
        Evidence.objects.visible_to(request.user)
        .verified()
        .filter(country=target, sub_objective__in=sub_objectives)
    )
    return render(
        request,
        "dashboard/country.html",
        {
            "country": target,
            "strategy": strategy,
            "rows": _history_rows(
                history,
                sub_objectives,
                [target],
                lambda sub, c, year: (c.pk, sub.pk, year),
                strategy.years,
                shown,
            ),
            "significant_since": since,
            "page": paging.page_of(request, evidence.with_related()),
            "query": paging.query_without_page(request),
            "legend": presentation.legend(shown),
        },
    )


@login_required
def sub_objective(request, pk):
    """A sub-objective across the target countries year by year, and its evidence."""
    access.require_role(request.user)
    sub = get_object_or_404(SubObjective.objects.select_related("objective__strategy"), pk=pk)
    strategy = sub.objective.strategy
    countries, _ = rollup.target_cells(strategy)
    history = rollup.status_by_year(strategy, countries=countries, sub_objectives=[sub])
    shown = presentation.displays()
    evidence = Evidence.objects.visible_to(request.user).verified().filter(sub_objective=sub)
    return render(
        request,
        "dashboard/sub_objective.html",
        {
            "sub_objective": sub,
            "strategy": strategy,
            "rows": _history_rows(
                history,
                countries,
                [sub],
                lambda c, s, year: (c.pk, s.pk, year),
                strategy.years,
                shown,
            ),
            "page": paging.page_of(request, evidence.with_related()),
            "query": paging.query_without_page(request),
            "legend": presentation.legend(shown),
            "resources": Resource.objects.for_sub_objective(sub),
        },
    )


def _export(request, fmt):
    """(strategy, as-of date) of an export; a date that is not one is refused (400)."""
    access.require_manager(request.user)
    if fmt not in exports.FORMATS:
        raise Http404
    strategy = _strategy(request)
    _form, as_of, valid = _as_of(request, strategy)
    if not valid:
        raise BadRequest("as_of is not a date (YYYY-MM-DD)")
    return strategy, as_of


@login_required
def export_matrix(request, fmt):
    strategy, as_of = _export(request, fmt)
    dashboard = rollup.build_dashboard(strategy, as_of)
    return exports.response(
        exports.matrix_rows(dashboard),
        fmt=fmt,
        name=exports.filename(strategy, "matrix", as_of, fmt),
        title=_("Matrix"),
    )


@login_required
def export_evidence(request, fmt):
    strategy, as_of = _export(request, fmt)
    evidence = exports.exportable_evidence(request.user, strategy, as_of)
    return exports.response(
        exports.evidence_rows(evidence),
        fmt=fmt,
        name=exports.filename(strategy, "evidence", as_of, fmt),
        title=_("Evidence"),
    )
