from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import exports, paging
from objectives.models import Strategy

from . import presentation, services, tasks
from . import template as spreadsheet
from .access import batch_for, require_importer
from .forms import ConfirmForm, UploadForm
from .models import Batch
from .reading import FileRefused, refusal_of


def _in_background(batch):
    return batch.file.size > settings.IMPORT_BACKGROUND_BYTES


@login_required
def index(request):
    """Upload a file to preview; the templates to download; your imports."""
    require_importer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(
                user=request.user,
                strategy=form.cleaned_data["strategy"],
                upload=form.cleaned_data["file"],
                language=translation.get_language() or "",
            )
        except FileRefused as refused:
            form.add_error("file", refusal_of(refused))
        else:
            if _in_background(batch):
                tasks.preview_batch.enqueue(batch.pk)
            else:
                services.preview(batch)
            return redirect(batch)
    batches = Batch.objects.of(request.user).select_related("strategy")
    return render(
        request,
        "imports/index.html",
        {
            "form": form,
            "strategies": form.fields["strategy"].queryset,
            "page": paging.page_of(request, batches),
            "query": paging.query_without_page(request),
            "max_rows": settings.IMPORT_MAX_ROWS,
        },
        status=400 if form.errors else 200,
    )


@login_required
def template(request, strategy, fmt):
    require_importer(request.user)
    strategy = get_object_or_404(
        Strategy.objects.open_for_evidence(timezone.localdate()), slug=strategy
    )
    if fmt == exports.XLSX:
        return spreadsheet.xlsx_response(request.user, strategy)
    if fmt == exports.CSV:
        return spreadsheet.csv_response(request.user, strategy)
    raise Http404


@login_required
def batch(request, pk):
    """A batch: its progress, its preview (every row with its status) or what it did."""
    batch = batch_for(request.user, pk)
    context = presentation.batch_page(request, batch)
    context["confirm_form"] = ConfirmForm()
    return render(request, "imports/batch.html", context)


@login_required
@require_POST
def confirm(request, pk):
    batch = batch_for(request.user, pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.start_import(
            batch, actor=request.user, submit_all=form.cleaned_data.get("submit_all", False)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    if _in_background(batch):
        tasks.import_batch.enqueue(batch.pk)
        messages.info(request, _("The import has started: this page shows how far it is."))
        return redirect(batch)
    services.run_import(batch)
    messages.success(request, presentation.imported_message(batch))
    return redirect(batch)


@login_required
@require_POST
def undo(request, pk):
    batch = batch_for(request.user, pk)
    try:
        services.undo(batch, actor=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("This import cannot be undone: %(reasons)s") % {"reasons": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("Import undone: what it created or changed is as before."))
    return redirect(batch)


@login_required
def errors(request, pk, fmt):
    """The rows in error, as a spreadsheet to correct and upload again."""
    batch = batch_for(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    return exports.response(
        presentation.errors_table(batch), fmt=fmt, filename=presentation.errors_filename(batch)
    )
