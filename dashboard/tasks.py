"""Background work of the dashboard (Django's Tasks API, run by `manage.py db_worker`):
the evidence as XLSX when it is too large to write while the reader waits."""

import datetime

from django.conf import settings
from django.utils import translation
from django_tasks import task

from core import exports as table_exports
from core.files import delete_older_than

from . import exports
from .models import ExportFile


@task()
def build_evidence_xlsx(export_file_id):
    """Write the evidence the requester may see now, exactly as the immediate download
    would, in their language; then delete the export files kept longer than
    EXPORT_FILES_KEEP_DAYS."""
    export = ExportFile.objects.select_related("strategy", "requested_by").get(pk=export_file_id)

    def write_xlsx(stream):
        with translation.override(export.language):
            table = exports.evidence_table(export.requested_by, export.strategy, export.as_of)
            table_exports.write_xlsx(table, stream)

    export.build(write_xlsx)
    delete_older_than(ExportFile.objects.all(), datetime.timedelta(settings.EXPORT_FILES_KEEP_DAYS))
    return export.pk
