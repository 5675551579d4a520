"""What the import pages show: counts, rows by status, the rows in error to download."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import exports, paging

from .columns import COLUMNS
from .models import Batch, RowStatus
from .services import undo_blockers

STATUS_FILTERS = [status for status, _label in RowStatus.choices]


def counts(batch):
    """(status, text) for the counts at the top of a batch's page."""
    done = batch.imported_at is not None
    texts = [
        (RowStatus.NEW, batch.new, ngettext("%(count)s new", "%(count)s new", batch.new)),
        (
            RowStatus.UPDATE,
            batch.updated,
            ngettext("%(count)s updated", "%(count)s updated", batch.updated)
            if done
            else ngettext("%(count)s to update", "%(count)s to update", batch.updated),
        ),
        (
            RowStatus.UNCHANGED,
            batch.unchanged,
            ngettext("%(count)s unchanged", "%(count)s unchanged", batch.unchanged),
        ),
        (
            RowStatus.LOCKED,
            batch.locked,
            ngettext("%(count)s locked", "%(count)s locked", batch.locked),
        ),
        (
            RowStatus.ERROR,
            batch.errors,
            ngettext("%(count)s in error", "%(count)s in error", batch.errors),
        ),
    ]
    return [(status, text % {"count": intcomma(count)}) for status, count, text in texts]


def batch_page(request, batch):
    shown = request.GET.get("status", "")
    rows = batch.rows.select_related("evidence")
    if shown in STATUS_FILTERS:
        rows = rows.filter(status=shown)
    else:
        shown = ""
    blockers = undo_blockers(batch) if batch.status == Batch.Status.IMPORTED else []
    return {
        "batch": batch,
        "counts": counts(batch),
        "shown": shown,
        "page": paging.page_of(request, rows),
        "query": paging.query_without_page(request),
        "can_confirm": batch.status == Batch.Status.PREVIEWED and batch.writable > 0,
        "can_undo": batch.status == Batch.Status.IMPORTED and not blockers,
        "undo_blockers": blockers,
    }


def imported_message(batch):
    written = batch.new + batch.updated
    return ngettext("%(count)d item imported.", "%(count)d items imported.", written) % {
        "count": written
    }


def errors_filename(batch):
    return _("import-%(number)s-rows-in-error") % {"number": batch.pk}


def errors_table(batch):
    """The rows in error with their cells as typed and what is wrong, under the
    template's headings, so the file can be corrected and uploaded again."""
    rows = batch.rows.filter(status=RowStatus.ERROR).order_by("number")
    return exports.Table(
        title=_("Rows in error in %(file)s") % {"file": batch.file_name},
        notes=[_("Correct each row, then upload the file again: the other columns are ignored.")],
        columns=[
            *(exports.Column(column.heading(), width=column.width) for column in COLUMNS),
            exports.Column(_("Row in the file"), width=10),
            exports.Column(_("What to correct"), width=60, wrap=True),
        ],
        rows=(
            [
                *(row.values.get(column.key, "") for column in COLUMNS),
                row.number,
                "\n".join(f"{column}: {message}" for column, message in row.problems),
            ]
            for row in rows.iterator()
        ),
    )
