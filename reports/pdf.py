"""The report as a PDF: the print-ready page, laid out by WeasyPrint on A4 with the report's
stylesheet (page numbers, running headers and the contents' page numbers come from its
@page rules and CSS generated content)."""

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML

STYLESHEET = "css/report.css"


def render_pdf(html):
    """PDF bytes of the report's HTML."""
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
