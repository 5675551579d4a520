"""Background work of the reports (Django's Tasks API, run by `manage.py db_worker`):
laying out a report's PDF, which takes seconds of CPU whatever the amount of evidence."""

import datetime

from django.conf import settings
from django_tasks import task

from core.files import delete_older_than
from dashboard.pages import Period

from .documents import report_html
from .models import ReportFile
from .pdf import render_pdf


@task()
def generate_pdf(report_file_id):
    """Generate the PDF a manager asked for and keep it for them to download; then delete
    the PDFs kept longer than REPORT_FILES_KEEP_DAYS (a report is generated again in
    seconds, as of any date)."""
    report = ReportFile.objects.select_related("strategy", "requested_by").get(pk=report_file_id)
    period = Period.from_query({"as_of": report.as_of.isoformat()}, report.strategy)

    def write_pdf(stream):
        html = report_html(period, report.language, generated_by=report.requested_by, for_pdf=True)
        stream.write(render_pdf(html))

    report.build(write_pdf)
    delete_older_than(ReportFile.objects.all(), datetime.timedelta(settings.REPORT_FILES_KEEP_DAYS))
    return report.pk
