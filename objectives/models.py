import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import MultiLineField, SingleLineField
from core.translated import EnglishOriginal
from countries.models import Country


class StrategyQuerySet(models.QuerySet):
    def default(self):
        """The strategy dashboards open on: the one an admin made the default. The services
        (`objectives.services`) keep exactly one default once a strategy exists; should rows
        written around them leave none, the newest strategy stands in."""
        return self.order_by("-is_default", "-first_year", "-pk").first()

    def open_for_evidence(self, today):
        """The strategies staff may log evidence against on `today`: not closed before it
        (`open_for_evidence_until` empty or not past) and with sub-objectives to file it under."""
        return self.filter(
            Q(open_for_evidence_until__isnull=True) | Q(open_for_evidence_until__gte=today),
            Exists(SubObjective.objects.filter(objective__strategy=OuterRef("pk"))),
        )


class Strategy(EnglishOriginal):
    """One organisational strategy: a period, a target and the objectives that serve it.

    Strategies are data: a new one sits beside the old without a code change.
    """

    name = SingleLineField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    target_country_count = models.PositiveSmallIntegerField(
        _("target number of countries"),
        help_text=_("How many countries should achieve significant change by the last year."),
    )
    vision = MultiLineField(_("vision"), blank=True)
    mission = MultiLineField(_("mission"), blank=True)
    priority = MultiLineField(_("strategic priority"), blank=True)
    # Changed only through `objectives.services.make_default`, which unsets the previous
    # default in the same transaction; the database allows no second one.
    is_default = models.BooleanField(
        _("default strategy"),
        default=False,
        help_text=_("The strategy dashboards, country pages and lists show unless asked."),
    )
    open_for_evidence_until = models.DateField(
        _("open for evidence until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day staff can log evidence under this strategy: leave time after its "
            "last year for late evidence and final reporting. Empty: open until you set a day."
        ),
    )
    target_countries = models.ManyToManyField(
        Country, related_name="strategies", blank=True, verbose_name=_("target countries")
    )

    # Its history (`history`) is registered with its translations, in translation.py.
    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__lte=F("last_year")),
                name="strategy_period_in_order",
                violation_error_message=_("The first year must not be after the last year."),
            ),
            models.CheckConstraint(
                condition=Q(target_country_count__gte=1),
                name="strategy_target_positive",
                violation_error_message=_("The target must be at least one country."),
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_strategy",
                violation_error_message=_("Another strategy is already the default."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        closes = self.open_for_evidence_until
        if closes and self.first_year and closes.year < self.first_year:
            raise ValidationError(
                {
                    "open_for_evidence_until": _(
                        "Choose a day in or after the strategy's first year, %(year)s."
                    )
                    % {"year": self.first_year}
                },
                code="closes_before_start",
            )

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))

    def is_open_for_evidence(self, today):
        """Not closed before `today` (the date half of `open_for_evidence`)."""
        closes = self.open_for_evidence_until
        return closes is None or closes >= today


class Objective(EnglishOriginal):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = MultiLineField(_("title"))
    short_title = SingleLineField(_("short title"), max_length=120)

    # Its history (`history`) is registered with its translations, in translation.py.

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="unique_objective_number_per_strategy",
                violation_error_message=_(
                    "This strategy already has an objective with this number."
                ),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="objective_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_title}"


class SubObjectiveQuerySet(models.QuerySet):
    def of_strategy(self, strategy):
        return self.filter(objective__strategy=strategy)


class SubObjective(EnglishOriginal):
    """A sub-objective such as 1.2; its code is unique within the strategy because the
    objective number is, and its own number is unique within the objective."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="sub_objectives",
        verbose_name=_("objective"),
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("2 for sub-objective 1.2."))
    text = MultiLineField(_("text"))
    short_title = SingleLineField(_("short title"), max_length=120, blank=True)

    # Its history (`history`) is registered with its translations, in translation.py.
    objects = SubObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("sub-objective")
        verbose_name_plural = _("sub-objectives")
        ordering = ["objective__strategy", "objective__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "number"],
                name="unique_sub_objective_number_per_objective",
                violation_error_message=_(
                    "This objective already has a sub-objective with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="sub_objective_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.label}"

    def get_absolute_url(self):
        return reverse("dashboard:sub_objective", args=[self.pk])

    @property
    def code(self):
        return f"{self.objective.number}.{self.number}"

    @property
    def label(self):
        """A short name for tables; the full text where no short title was given."""
        return self.short_title or self.text


class ReportingPeriodQuerySet(models.QuerySet):
    def due_within(self, today, days):
        """Periods whose deadline is from `today` to `days` days after it."""
        return self.filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days))


class ReportingPeriod(models.Model):
    """A span of a strategy (a quarter, say) by whose deadline each target country should
    have submitted evidence; its staff are reminded before the deadline if it has none."""

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="reporting_periods",
        verbose_name=_("strategy"),
    )
    name = SingleLineField(
        _("name"), max_length=100, help_text=_("For example: 2025, 1st quarter.")
    )
    starts_on = models.DateField(_("starts on"))
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day to submit evidence for this period.")
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["strategy", "deadline"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "name"],
                name="unique_reporting_period_name_per_strategy",
                violation_error_message=_("This strategy already has a period with this name."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("deadline")),
                name="reporting_period_in_order",
                violation_error_message=_("The period must start on or before its deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.strategy}: {self.name}"
