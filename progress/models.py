"""The roll-up summary: what the progress pages read instead of the evidence itself.

A cell's status as of a date only ever rises, so the cell is fully described by the
earliest date it reached each rating; the headline needs only the earliest date a cell's
evidence met the definition of significant change; the evidence-over-time charts need
only counts per month. These tables hold exactly that, a few rows per cell however much
evidence there is. `progress.rollup` keeps them in step with the evidence in the
transaction of every change (`refresh_cells`) and recomputes them from scratch
(`rebuild`, `manage.py rebuild_rollup`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from evidence.models import Evidence, EvidenceLevel
from objectives.models import SubObjective


class CellSummary(models.Model):
    """One country × sub-objective with verified or waiting evidence. `reached_<r>` is the
    earliest date of a verified item rated `r` or higher (the day the cell's status first
    reached `r`); `qualifying_since` the earliest date of a verified item meeting the
    definition of significant change; `awaiting` how many items wait for verification."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    sub_objective = models.ForeignKey(SubObjective, on_delete=models.CASCADE, related_name="+")
    reached_0 = models.DateField(null=True)
    reached_1 = models.DateField(null=True)
    reached_2 = models.DateField(null=True)
    reached_3 = models.DateField(null=True)
    qualifying_since = models.DateField(null=True)
    awaiting = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("roll-up cell")
        verbose_name_plural = _("roll-up cells")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "sub_objective"], name="one_summary_per_cell"
            ),
            # A rating reached implies every lower one reached, no later.
            models.CheckConstraint(
                condition=(Q(reached_3__isnull=True) | Q(reached_2__lte=models.F("reached_3")))
                & (Q(reached_2__isnull=True) | Q(reached_1__lte=models.F("reached_2")))
                & (Q(reached_1__isnull=True) | Q(reached_0__lte=models.F("reached_1"))),
                name="summary_ratings_reached_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.country_id} × {self.sub_objective_id}"

    def reached(self):
        """{rating: earliest date reached} for the ratings this cell has reached."""
        dates = (self.reached_0, self.reached_1, self.reached_2, self.reached_3)
        return {rating: date for rating, date in enumerate(dates) if date is not None}


class CellMonthCount(models.Model):
    """How many verified items of one cell, at one level, are dated in one month."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    sub_objective = models.ForeignKey(SubObjective, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=16, choices=EvidenceLevel.choices)
    month = models.DateField(help_text="The first day of the month.")
    verified = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("roll-up month count")
        verbose_name_plural = _("roll-up month counts")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "sub_objective", "level", "month"], name="one_count_per_month"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="count_month_starts_on_day_1"),
        ]

    def __str__(self):
        return f"{self.country_id} × {self.sub_objective_id}, {self.month}: {self.verified}"


# The rows a cell's refresh reads: verified and waiting evidence of one cell.
SUMMARISED_STATUSES = (Evidence.Status.VERIFIED, Evidence.Status.SUBMITTED)
