from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import files
from countries.access import country_for
from dashboard.pages import Period
from objectives.selection import strategy_from

from . import access, pages, services, tasks
from .documents import report_html
from .forms import NarrativeForm, ReportForm, ReturnForm
from .models import ReportFile


@login_required
def index(request):
    """Choose a report: a strategy, a date (a year end in one click), a language."""
    access.require_report_reader(request.user)
    period = Period.from_query(request.GET, strategy_from(request))
    if not period.valid:
        messages.error(request, _("That is not a date: choose one, or a year end."))
    return render(request, "reports/index.html", pages.index_page(period, request.user))


def _report_request(request, data):
    """The period and language of a report; a date or language that is not one is refused."""
    access.require_report_reader(request.user)
    period = Period.from_query(data, strategy_from(request))
    form = ReportForm(data)
    if not period.valid or not form.is_valid():
        raise BadRequest("as_of must be a date (YYYY-MM-DD) and language en or fr")
    return period, form.cleaned_data["language"]


@login_required
def report_page(request):
    """The report as a print-ready page."""
    period, language = _report_request(request, request.GET)
    html = report_html(period, language, generated_by=request.user, for_pdf=False)
    return HttpResponse(html)


@login_required
@require_POST
def report_pdf(request):
    """Queue the report's PDF (laying it out takes seconds of CPU: docs/performance.md) and
    send the manager to the page where it will be ready."""
    period, language = _report_request(request, request.POST)
    report = ReportFile.objects.create(
        strategy=period.strategy, as_of=period.as_of, language=language, requested_by=request.user
    )
    transaction.on_commit(lambda: tasks.generate_pdf.enqueue(report.pk))
    return redirect(report)


@login_required
def report_file(request, pk):
    """A requested PDF: being generated (the page looks again every few seconds), ready
    to download, or failed."""
    report = access.report_file_for(request.user, pk)
    return render(request, "reports/report_file.html", {"report": report})


@login_required
def report_file_download(request, pk):
    report = access.report_file_for(request.user, pk)
    return files.download(report.file, filename=report.filename, content_type="application/pdf")


@login_required
def narratives(request):
    """The narratives of a strategy the reader may see, by country and year."""
    strategy = strategy_from(request)
    return render(request, "reports/narratives.html", pages.narratives_page(request.user, strategy))


@login_required
def narrative_edit(request, code, year):
    """Write or edit a country's narrative of one year (its staff)."""
    country = country_for(request.user, code)
    strategy = strategy_from(request)
    narrative = pages.narrative_of(request.user, strategy, country, year)
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            saved = _save(request, form, strategy=strategy, country=country, year=year)
            if saved is not None:
                return redirect(saved)
    else:
        form = NarrativeForm(initial=pages.narrative_initial(narrative))
    context = {"form": form, "country": country, "year": year, "strategy": strategy}
    return render(request, "reports/narrative_form.html", {**context, "narrative": narrative})


def _save(request, form, **where):
    """Save the narrative, or put why not on the form (the input is kept)."""
    data = form.cleaned_data
    try:
        return services.save_narrative(
            actor=request.user,
            text_en=data["text_en"],
            text_fr=data["text_fr"],
            version=data["version"],
            submit="submit" in request.POST,
            **where,
        )
    except services.StaleEdit:
        form.add_error(
            None,
            _(
                "Someone saved this narrative since you opened it: copy your text, reload, "
                "and apply your changes again."
            ),
        )
    except ValidationError as error:
        form.add_error(None, error)
    return None


@login_required
def narrative(request, pk):
    found = access.narrative_for(request.user, pk)
    return render(
        request, "reports/narrative.html", pages.narrative_page(request.user, found, ReturnForm())
    )


@login_required
@require_POST
def narrative_approve(request, pk):
    found = access.narrative_for(request.user, pk, action="review")
    services.approve_narrative(narrative=found, actor=request.user)
    messages.success(request, _("Narrative approved: it appears in the report."))
    return redirect(found)


@login_required
@require_POST
def narrative_return(request, pk):
    found = access.narrative_for(request.user, pk, action="review")
    form = ReturnForm(request.POST)
    if form.is_valid():
        services.return_narrative(
            narrative=found, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Narrative returned to its author with your reason."))
        return redirect(found)
    return render(
        request, "reports/narrative.html", pages.narrative_page(request.user, found, form)
    )
