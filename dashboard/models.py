"""Exports too large to build while the reader waits: the task worker writes them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.exports import XLSX
from core.files import PreparedFile, PreparedFileStatus, RandomName
from objectives.models import Strategy

from .exports import filename


class ExportFile(PreparedFile):
    """The evidence of a strategy as an XLSX spreadsheet, asked for by one reader, built
    by the task worker with what that reader may see, and served to them alone."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="export_files", verbose_name=_("strategy")
    )
    as_of = models.DateField(_("as of"))
    # The language of the headings and labels: the reader's when they asked for it.
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_files",
        verbose_name=_("requested by"),
    )
    file = models.FileField(_("file"), upload_to=RandomName("exports"), blank=True)

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PreparedFileStatus.values), name="export_file_status_known"
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("dashboard:export_file", args=[self.pk])

    @property
    def filename(self):
        return f"{filename(self.strategy, 'evidence', self.as_of)}.{XLSX}"
