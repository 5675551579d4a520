"""Imports of evidence from spreadsheets: each upload is a batch, read into a preview of
its rows, then written (or not) in one transaction, and undone while nothing it wrote has
been verified or changed since."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.files import RandomName
from core.text import MultiLineField, SingleLineField
from countries.models import Country
from evidence.models import Evidence
from objectives.models import Strategy


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Being read")
    PREVIEWED = "previewed", _("Ready to import")
    REFUSED = "refused", _("File refused")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    UNDONE = "undone", _("Undone")


class RowStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("import row", "New")
    UPDATE = "update", pgettext_lazy("import row", "Update")
    UNCHANGED = "unchanged", pgettext_lazy("import row", "Unchanged")
    LOCKED = "locked", pgettext_lazy("import row", "Locked")
    ERROR = "error", pgettext_lazy("import row", "Error")


class BatchQuerySet(models.QuerySet):
    def of(self, user):
        """The batches `user` may read: their own imports, nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Batch(models.Model):
    """One uploaded file: who, when, which strategy, the counts of its preview and import."""

    Status = BatchStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("imported by"),
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="+", verbose_name=_("strategy")
    )
    file = models.FileField(_("file"), upload_to=RandomName("imports"))
    file_name = SingleLineField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    submit_all = models.BooleanField(_("submitted for verification"), default=False)
    # The file-level reason a file was refused (not a spreadsheet, too many rows…).
    message = MultiLineField(_("message"), blank=True)
    # The language the preview's messages are written in: the importer's, when it was read.
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    # Progress of background work, for the progress bar.
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    locked = models.PositiveIntegerField(_("locked"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("imports:batch", args=[self.pk])

    @property
    def writable(self):
        """Rows the import would write."""
        return self.new + self.updated

    @property
    def is_working(self):
        return self.status in (self.Status.QUEUED, self.Status.IMPORTING)

    @property
    def progress_percent(self):
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class Row(models.Model):
    """A row of a batch's file as the preview judged it; the values of a row in error are
    kept so it can be downloaded, fixed and uploaded again."""

    Status = RowStatus

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reference = SingleLineField(_("reference"), max_length=100, blank=True)
    title = SingleLineField(_("title"), max_length=200, blank=True)
    evidence = models.ForeignKey(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # [[column, message], …] in the batch's language.
    problems = models.JSONField(default=list, blank=True)
    # {column key: the cell's text} for rows in error.
    values = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["batch", "number"]
        indexes = [models.Index(fields=["batch", "status", "number"], name="import_row_status_idx")]

    def __str__(self):
        return f"{self.batch_id}:{self.number} {self.status}"


class ItemAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")


class Item(models.Model):
    """An evidence item a batch created or updated, with what undoing it takes."""

    Action = ItemAction

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    # The item's version once written: a later change (an edit, a verification) stops undo.
    version = models.PositiveIntegerField()
    # The fields an update replaced, as they were, to put back on undo.
    previous = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "pk"]

    def __str__(self):
        return f"{self.batch_id}: {self.action} {self.evidence_id}"


class Reference(models.Model):
    """The importing office's own id of an item, unique within its country: a re-upload
    of a row with the same reference updates that item instead of adding another."""

    evidence = models.OneToOneField(
        Evidence, on_delete=models.CASCADE, related_name="import_reference"
    )
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    reference = SingleLineField(_("reference"), max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["country", "reference"], name="import_reference_unique_in_country"
            )
        ]

    def __str__(self):
        return f"{self.country_id}:{self.reference}"
