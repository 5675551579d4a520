"""A record's life as rows: who moved it from which status to which, when and why. Evidence
and narratives both keep one such row a step; each declares its own subject and statuses."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import MultiLineField


class StatusTransition(models.Model):
    """One step in a record's life. A concrete transition adds the foreign key to its
    subject (named by `subject`), `from_status` and `to_status` with its statuses, and the
    constraint that a return has a reason."""

    subject = None

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_transitions",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"))
    reason = MultiLineField(_("reason"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        subject_id = getattr(self, f"{self.subject}_id")
        return f"{subject_id}: {self.from_status or '—'} → {self.to_status}"


class TransitionsInline(admin.TabularInline):
    """A record's transitions in its admin page, read-only: they are written by the
    services that move the record, never by hand."""

    extra = 0
    can_delete = False
    fields = ["at", "actor", "from_status", "to_status", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False
