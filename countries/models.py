from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.text import SingleLineField


class CountryQuerySet(models.QuerySet):
    def assigned_to(self, user):
        return self.filter(assignments__user=user)


class Country(models.Model):
    """A country the organisation works in, identified by its ISO 3166 code."""

    code = CountryField(_("country"), unique=True)
    programme_theme = SingleLineField(
        _("programme theme"),
        max_length=255,
        blank=True,
        help_text=_("What the organisation's programme in this country is about."),
    )

    history = HistoricalRecords()
    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return str(self.code.name)

    def get_absolute_url(self):
        return reverse("countries:detail", args=[self.code.code.lower()])

    @property
    def name(self):
        return self.code.name


class Assignment(models.Model):
    """A staff member assigned to a country logs and edits its evidence."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="country_assignments",
        verbose_name=_("user"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("country")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country assignment")
        verbose_name_plural = _("country assignments")
        ordering = ["country", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "country"], name="unique_assignment_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.country}"
