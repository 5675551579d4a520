"""Evidence exports too large to write while the reader waits (more rows than
EXPORT_BACKGROUND_ROWS, as XLSX): queued for the task worker, then served to the reader who
asked for them alone."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404

from core import exports as table_exports

from .exports import exportable_evidence, may_export_evidence
from .models import ExportFile
from .tasks import build_evidence_xlsx


def built_in_background(user, period, fmt):
    """Whether this export is XLSX with more rows than a request should wait for (CSV is
    streamed: it starts at once whatever its size)."""
    if fmt != table_exports.XLSX:
        return False
    rows = exportable_evidence(user, period.strategy, period.as_of).count()
    return rows > settings.EXPORT_BACKGROUND_ROWS


def queue_evidence_xlsx(user, period, language):
    """The reader's export of this period being built, or a new one queued: asking again
    while it is being built does not build it twice."""
    wanted = {"strategy": period.strategy, "as_of": period.as_of, "language": language}
    queued = ExportFile.objects.filter(requested_by=user, status=ExportFile.Status.QUEUED)
    export = queued.filter(**wanted).first()
    if export is None:
        export = ExportFile.objects.create(requested_by=user, **wanted)
        transaction.on_commit(lambda: build_evidence_xlsx.enqueue(export.pk))
    return export


def recent_for(user, count=5):
    """The reader's latest exports built in the background, to find them again."""
    return ExportFile.objects.filter(requested_by=user).select_related("strategy")[:count]


def export_file_for(user, pk):
    """An export built in the background, for the reader who asked for it alone and while
    they may still export evidence: 404 to anyone else."""
    if not may_export_evidence(user):
        raise Http404
    mine = ExportFile.objects.filter(requested_by=user).select_related("strategy")
    return get_object_or_404(mine, pk=pk)
