"""Narratives of progress: for each country and year of a strategy, its staff write a short
account of progress that a manager approves (or returns with a reason) before it appears in
the report. Its life follows evidence's: draft → submitted → approved, or returned with a
reason and resubmitted; each step is a transition row, each save a version in its history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import has_role
from core.files import PreparedFile, PreparedFileStatus, RandomName
from core.roles import roles_of
from core.text import MultiLineField
from core.transitions import StatusTransition
from countries.models import Country
from objectives.models import Strategy


class NarrativeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


# Managers read narratives once submitted; other readers only approved ones.
SEEN_BY_MANAGERS = (NarrativeStatus.SUBMITTED, NarrativeStatus.RETURNED, NarrativeStatus.APPROVED)


class NarrativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a user may read: the staff of a country all of its narratives (they write
        them together); managers the ones submitted, returned or approved; anyone else
        with a role the approved ones; no role, nothing."""
        roles = roles_of(user)
        if roles.is_admin:
            return self
        if not has_role(user):
            return self.none()
        condition = Q(status=NarrativeStatus.APPROVED)
        if roles.is_manager:
            condition |= Q(status__in=SEEN_BY_MANAGERS)
        if roles.is_country_staff:
            condition |= Q(country_id__in=roles.country_ids)
        return self.filter(condition)

    def approved(self):
        return self.filter(status=NarrativeStatus.APPROVED)


class Narrative(models.Model):
    """One country's account of its progress in one year of a strategy, in English, French
    or both."""

    Status = NarrativeStatus

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="narratives", verbose_name=_("strategy")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="narratives", verbose_name=_("country")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text_en = MultiLineField(_("narrative in English"), blank=True)
    text_fr = MultiLineField(_("narrative in French"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="narratives",
        verbose_name=_("author"),
        help_text=_("Who last submitted it (who hears when it is approved or returned)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every save; an edit based on an older version is refused (no lost updates).
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = NarrativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        ordering = ["strategy", "country", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "country", "year"], name="one_narrative_per_country_year"
            ),
            models.CheckConstraint(
                condition=Q(status__in=NarrativeStatus.values), name="narrative_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(text_en="") | ~Q(text_fr=""),
                name="narrative_has_text",
                violation_error_message=_("Write the narrative in English, French or both."),
            ),
        ]

    def __str__(self):
        return f"{self.country} {self.year}"

    def get_absolute_url(self):
        return reverse("reports:narrative", args=[self.pk])

    def clean(self):
        if self.strategy_id and self.year not in self.strategy.years:
            raise ValidationError(
                {"year": _("Choose a year of the strategy.")}, code="outside_strategy"
            )

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def text_in(self, language):
        """The text in `language` ("en" or "fr"), and whether it is a stand-in in the
        other language because none was written in that one."""
        if language == "fr":
            wanted, other = self.text_fr, self.text_en
        else:
            wanted, other = self.text_en, self.text_fr
        return (wanted, False) if wanted else (other, True)


class NarrativeTransition(StatusTransition):
    """One step in a narrative's life: who moved it from which status to which, and why."""

    subject = "narrative"

    narrative = models.ForeignKey(
        Narrative,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("narrative"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=NarrativeStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=NarrativeStatus.choices)

    class Meta:
        verbose_name = _("narrative transition")
        verbose_name_plural = _("narrative transitions")
        ordering = ["narrative", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status=NarrativeStatus.RETURNED) | ~Q(reason=""),
                name="narrative_return_has_reason",
                violation_error_message=_("Say why the narrative is returned."),
            ),
        ]


class ReportFile(PreparedFile):
    """A report's PDF, asked for by a manager and generated by the task worker (it takes
    longer than a request should wait on a busy server), kept for them to download."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="report_files", verbose_name=_("strategy")
    )
    as_of = models.DateField(_("as of"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_files",
        verbose_name=_("requested by"),
    )
    file = models.FileField(_("file"), upload_to=RandomName("reports"), blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PreparedFileStatus.values), name="report_file_status_known"
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("reports:report_file", args=[self.pk])

    @property
    def filename(self):
        return f"{self.strategy.slug}-report-{self.as_of:%Y-%m-%d}-{self.language}.pdf"
