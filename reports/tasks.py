"""Background work of the reports (Django's Tasks API, run by `manage.py db_worker`):
laying out a report's PDF, which takes seconds of CPU whatever the amount of evidence."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from dashboard.pages import Period

from .documents import report_html
from .models import ReportFile
from .pdf import render_pdf

logger = logging.getLogger(__name__)


@task()
def generate_pdf(report_file_id):
    """Generate the PDF a manager asked for and keep it for them to download."""
    report = ReportFile.objects.select_related("strategy", "requested_by").get(pk=report_file_id)
    period = Period.from_query({"as_of": report.as_of.isoformat()}, report.strategy)
    try:
        html = report_html(period, report.language, generated_by=report.requested_by, for_pdf=True)
        pdf = render_pdf(html)
    except Exception:
        logger.exception("Report file %s could not be generated", report.pk)
        report.status = ReportFile.Status.FAILED
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "finished_at"])
        raise
    report.file.save(report.filename, ContentFile(pdf), save=False)
    report.status = ReportFile.Status.READY
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "status", "finished_at"])
    return report.pk
