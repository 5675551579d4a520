from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import exports as table_exports
from core import files, paging
from core.access import is_manager, require, require_manager, require_role
from core.dates import long_date
from countries.access import country_for
from evidence.models import Evidence
from objectives.models import SubObjective
from objectives.selection import strategy_from
from progress import rollup
from resilience.models import Resource

from . import export_files, exports, guidance, pages
from .pages import Period


def _period(request, strategy):
    """The strategy and as-of date a page shows, from the query string. Without a date, or
    with one that is not a date: today, or the strategy's last day once it has ended."""
    period = Period.from_query(request.GET, strategy)
    if not period.valid:
        messages.error(
            request,
            _("That is not a date. Showing the dashboard as of %(date)s.")
            % {"date": long_date(period.as_of)},
        )
    return period


@login_required
def country_page(request, code):
    """A country's current progress and latest evidence, for everyone with a role."""
    country = country_for(request.user, code)
    context = pages.country_page(country, request.user, strategy_from(request))
    return render(request, "dashboard/country_page.html", context)


@login_required
def guidance_page(request):
    """What the ratings, levels, kinds of change, Bond principles and resilience scores
    mean, and what counts towards the headline: for everyone with a role."""
    require_role(request.user)
    return render(request, "dashboard/guidance.html", guidance.guidance_page())


@login_required
def index(request):
    require_manager(request.user)
    period = _period(request, strategy_from(request))
    dashboard = rollup.build_dashboard(period.strategy, period.as_of)
    context = pages.dashboard_page(dashboard, period)
    context["export_files"] = export_files.recent_for(request.user)
    return render(request, "dashboard/index.html", context)


def _verified_behind(request, period, **cell):
    """The verified evidence the reader may see behind a drill-down, up to its date."""
    evidence = rollup.with_qualifies(
        Evidence.objects.visible_to(request.user)
        .verified()
        .as_of(period.as_of)
        .filter(**cell)
        .with_related()
    )
    return {
        "page": paging.keyset_page(request, evidence, paging.Keyset("date", descending=True)),
        "query": paging.query_without_page(request),
    }


@login_required
def country(request, code):
    """A country's sub-objectives year by year, and the verified evidence behind them."""
    target = country_for(request.user, code)
    period = _period(request, strategy_from(request))
    context = pages.country_drilldown(target, period, request.user)
    context.update(
        _verified_behind(
            request, period, country=target, sub_objective__in=context["sub_objectives"]
        )
    )
    return render(request, "dashboard/country.html", context)


@login_required
def headline(request):
    """Which target countries count towards the headline, since when, on what evidence."""
    require_manager(request.user)
    period = _period(request, strategy_from(request))
    return render(request, "dashboard/headline.html", pages.headline_page(period, request.user))


@login_required
def sub_objective(request, pk):
    """A sub-objective across the target countries year by year, and its evidence."""
    require_role(request.user)
    sub = get_object_or_404(SubObjective.objects.select_related("objective__strategy"), pk=pk)
    period = _period(request, sub.objective.strategy)
    context = pages.sub_objective_drilldown(sub, period)
    context.update(_verified_behind(request, period, sub_objective=sub))
    context["resources"] = Resource.objects.for_sub_objective(sub)
    return render(request, "dashboard/sub_objective.html", context)


def _export(request, fmt, *, allowed):
    """The period of an export; a date that is not one is refused (400)."""
    require(allowed(request.user))
    if fmt not in table_exports.FORMATS:
        raise Http404
    period = Period.from_query(request.GET, strategy_from(request))
    if not period.valid:
        raise BadRequest("as_of is not a date (YYYY-MM-DD)")
    return period


@login_required
def export_matrix(request, fmt):
    period = _export(request, fmt, allowed=is_manager)
    return table_exports.response(
        exports.matrix_table(rollup.build_dashboard(period.strategy, period.as_of)),
        fmt=fmt,
        filename=exports.filename(period.strategy, "matrix", period.as_of),
    )


@login_required
def export_evidence(request, fmt):
    """The evidence as CSV or XLSX, at once; an XLSX too large to write while the reader
    waits is queued, and the reader sent to the page where it will be ready."""
    period = _export(request, fmt, allowed=exports.may_export_evidence)
    if export_files.built_in_background(request.user, period, fmt):
        export = export_files.queue_evidence_xlsx(request.user, period, get_language())
        return redirect(export)
    return table_exports.response(
        exports.evidence_table(request.user, period.strategy, period.as_of),
        fmt=fmt,
        filename=exports.filename(period.strategy, "evidence", period.as_of),
    )


@login_required
def export_file(request, pk):
    """An export being built (the page looks again every few seconds), ready to download,
    or failed."""
    export = export_files.export_file_for(request.user, pk)
    return render(request, "dashboard/export_file.html", {"export": export})


@login_required
def export_file_download(request, pk):
    export = export_files.export_file_for(request.user, pk)
    return files.download(
        export.file,
        filename=export.filename,
        content_type=table_exports.CONTENT_TYPES[table_exports.XLSX],
    )
