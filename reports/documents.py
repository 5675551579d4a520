"""The report as a document: its HTML in a language, and that HTML laid out as a PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .pages import report_query
from .report import build_report


def report_html(period, language, *, generated_by, for_pdf):
    """The report's HTML, in `language` ("en" or "fr"), saying who asked for it and when."""
    with translation.override(language):
        context = build_report(period, language=language)
        context.update(
            generated_at=timezone.now(),
            generated_by=generated_by.get_full_name() or generated_by.get_username(),
            language=language,
            for_pdf=for_pdf,
            query=report_query(period, language),
        )
        return render_to_string("reports/report.html", context)
