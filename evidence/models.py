import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.access import has_role
from core.dates import long_date
from core.files import RandomName
from core.roles import roles_of
from core.text import MultiLineField, SingleLineField, single_line
from core.transitions import StatusTransition
from countries.models import Country
from objectives.models import SubObjective


class EvidenceLevel(models.TextChoices):
    LOCAL = "local", _("Local / grassroots")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class EvidenceKind(models.TextChoices):
    LAW = "law", _("Law adopted or amended")
    POLICY = "policy", _("Policy or government commitment")
    PRACTICE = "practice", _("Practice or implementation")
    BUSINESS = "business", _("Business commitment")
    PEOPLE = "people", _("People supported or freed")
    CAPACITY = "capacity", _("Knowledge or capacity")
    NORMS = "norms", _("Attitudes and norms")
    RECOGNITION = "recognition", _("International recognition")


class EvidenceRating(models.IntegerChoices):
    NO_CHANGE = 0, _("No change yet")
    EARLY_SIGNS = 1, _("Early signs")
    SOME_PROGRESS = 2, _("Some progress")
    SIGNIFICANT = 3, _("Significant change")


class EvidenceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    VERIFIED = "verified", _("Verified")


# Who sees an evidence item is decided by its state alone (status, confidential, country,
# author), so the same rule judges an item now, each version of it in its history
# (`could_see`), and selects the items a user may read (`visible_q`, behind
# `Evidence.objects.visible_to`).
# Seen beyond the author: by managers once submitted (returned items included, as the
# managers returned them); by country staff only while submitted or verified.
SEEN_BY_MANAGERS = (EvidenceStatus.SUBMITTED, EvidenceStatus.RETURNED, EvidenceStatus.VERIFIED)
SEEN_BY_STAFF = (EvidenceStatus.SUBMITTED, EvidenceStatus.VERIFIED)


def _visibility(user):
    """The rule, written once: the alternative conditions under which `user` sees an item,
    each a dict of field lookups on the item's state, met when all of its lookups are.

    Admins (superusers) see everything. Anyone else with a role sees their own items in any
    status, so a draft is seen by its author alone. Managers see the rest once submitted.
    Country staff see others' submitted and verified items that are not confidential, and
    the confidential ones of the countries they are assigned to. No role, nothing."""
    roles = roles_of(user)
    if roles.is_admin:
        return [{}]
    if not has_role(user):
        return []
    alternatives = [{"author_id": user.pk}]
    if roles.is_manager:
        alternatives.append({"status__in": SEEN_BY_MANAGERS})
    if roles.is_country_staff:
        alternatives.append({"status__in": SEEN_BY_STAFF, "confidential": False})
        alternatives.append({"status__in": SEEN_BY_STAFF, "country_id__in": roles.country_ids})
    return alternatives


def _meets(state, lookups):
    for lookup, wanted in lookups.items():
        field, _, operator = lookup.partition("__")
        value = getattr(state, field)
        if not (value in wanted if operator == "in" else value == wanted):
            return False
    return True


def could_see(user, state):
    """May `user` see an item in `state`: an `Evidence`, or a record of its history as it
    was then (anything with `status`, `confidential`, `country_id` and `author_id`)."""
    return any(_meets(state, lookups) for lookups in _visibility(user))


def visible_q(user):
    """The same rule as a filter, or None when the user may see nothing."""
    alternatives = _visibility(user)
    if not alternatives:
        return None
    return reduce(or_, (Q(**lookups) for lookups in alternatives))


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a user may read (the rule: `could_see`)."""
        condition = visible_q(user)
        return self.none() if condition is None else self.filter(condition)

    def verified(self):
        return self.filter(status=Evidence.Status.VERIFIED)

    def awaiting_verification(self):
        return self.filter(status=Evidence.Status.SUBMITTED)

    def as_of(self, date):
        return self.filter(date__lte=date)

    def of_strategy(self, strategy):
        return self.filter(sub_objective__objective__strategy=strategy)

    def not_confidential(self):
        return self.filter(confidential=False)

    def with_related(self):
        return self.select_related("country", "sub_objective__objective", "author")

    def with_waiting_since(self):
        """Each item annotated with `waiting_since`: when it was last submitted (the queue's
        order)."""
        return self.annotate(waiting_since=F("submitted_at"))

    def count_by_country(self):
        """The countries of these items, each with `items`, their number. The items are
        counted per country first, on an index alone, then their countries read: joining
        countries to the items first made the database read every row of them."""
        counts = dict(self.order_by().values_list("country_id").annotate(items=Count("*")))
        countries = list(Country.objects.filter(pk__in=counts).order_by("code"))
        for country in countries:
            country.items = counts[country.pk]
        return countries


class Evidence(models.Model):
    """One dated, sourced observation of change in one country against one sub-objective."""

    Level = EvidenceLevel

    Kind = EvidenceKind

    Rating = EvidenceRating

    Status = EvidenceStatus

    # The kinds of change that meet the strategy's definition of significant change.
    SIGNIFICANT_KINDS = (Kind.LAW, Kind.POLICY, Kind.PRACTICE)

    # Evidence may be dated up to this many years either side of its strategy's period:
    # a change that began just before the strategy or was confirmed just after it still
    # tells its story, while a date decades away is a typing mistake.
    DATE_MARGIN_YEARS = 1

    # The Bond Evidence Principles, as (field name, label) pairs.
    BOND_PRINCIPLES = (
        ("voice_and_inclusion", _("Voice and inclusion")),
        ("appropriateness", _("Appropriateness")),
        ("triangulation", _("Triangulation")),
        ("contribution", _("Contribution")),
        ("transparency", _("Transparency")),
    )

    date = models.DateField(_("date of the change"), help_text=_("When it happened, not today."))
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("country")
    )
    sub_objective = models.ForeignKey(
        SubObjective,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("sub-objective"),
    )
    title = SingleLineField(_("title"), max_length=200)
    description = MultiLineField(_("description of the change"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind of change"), max_length=16, choices=Kind.choices)
    rating = models.PositiveSmallIntegerField(_("progress rating"), choices=Rating.choices)
    source_url = models.URLField(
        _("source link"), max_length=500, blank=True, validators=[single_line]
    )
    source_citation = MultiLineField(
        _("source citation"),
        blank=True,
        help_text=_("Report, article, meeting record… Give a link, a citation or both."),
    )
    attachment = models.FileField(_("attachment"), upload_to=RandomName("evidence"), blank=True)
    attachment_name = SingleLineField(_("attachment file name"), max_length=255, blank=True)
    voice_and_inclusion = models.BooleanField(_("voice and inclusion"), default=False)
    appropriateness = models.BooleanField(_("appropriateness"), default=False)
    triangulation = models.BooleanField(_("triangulation"), default=False)
    contribution = models.BooleanField(_("contribution"), default=False)
    transparency = models.BooleanField(_("transparency"), default=False)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Identifies survivors or puts partners at risk: seen only by this country's staff, "
            "managers and admins, and never exported."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When it was last submitted: the queue's order, kept on the row (not read from the
    # transitions) so that a page of the queue is read from an index.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    # Bumped on every save; an edit based on an older version is refused (no lost updates).
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["version", "submitted_at"])
    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        # One word in English, two in other languages (preuve, preuves).
        verbose_name_plural = pgettext_lazy("plural", "evidence")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=min(EvidenceRating), rating__lte=max(EvidenceRating)),
                name="evidence_rating_on_scale",
            ),
            models.CheckConstraint(
                condition=Q(level__in=EvidenceLevel.values),
                name="evidence_level_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EvidenceKind.values),
                name="evidence_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EvidenceStatus.values),
                name="evidence_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(source_url="") | ~Q(source_citation=""),
                name="evidence_has_source",
                violation_error_message=_("Give a source: a link, a citation or both."),
            ),
        ]
        indexes = [
            # Evidence of a status up to a date, grouped by cell: the part-month count of
            # the dashboard and the count of items waiting (progress.rollup).
            models.Index(
                fields=["status", "date", "country", "sub_objective", "rating", "kind", "level"],
                name="evidence_rollup_idx",
            ),
            # One cell's verified and waiting evidence, which the roll-up summary of that
            # cell is recomputed from on every change to it (progress.rollup.refresh_cells);
            # the index covers the whole query.
            models.Index(
                fields=["country", "sub_objective", "status", "rating", "date", "level", "kind"],
                name="evidence_cell_idx",
            ),
            # The queue's order (waiting longest first, or newest), by keyset
            # (evidence.views.queue).
            models.Index(fields=["status", "submitted_at", "id"], name="evidence_queue_idx"),
            # A cell's newest evidence first: the latest items of each sub-objective on a
            # country page (dashboard.pages.country_page).
            models.Index(
                fields=["country", "sub_objective", "-date", "-id"], name="evidence_cell_newest_idx"
            ),
            # The lists' order (Meta.ordering): a page of 25 reads 25 index entries instead
            # of sorting every visible item.
            models.Index(fields=["-date", "-id"], name="evidence_newest_first_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Whatever submits it (the services, the admin, a factory), a submitted item has the
        # time it was submitted, which the queue is ordered by.
        if self.status == self.Status.SUBMITTED and self.submitted_at is None:
            self.submitted_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "submitted_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evidence:detail", args=[self.pk])

    def clean(self):
        """The date of a change is in the past and near its strategy's period."""
        if not self.date:
            return
        if self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("The date of the change cannot be in the future.")}, code="future"
            )
        if self.sub_objective_id:
            check_date_in_period(self.date, self.sub_objective.objective.strategy)

    @property
    def bond_principles_met(self):
        return [label for field, label in self.BOND_PRINCIPLES if getattr(self, field)]

    @property
    def is_editable_by_author(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


def evidence_dates(strategy):
    """The first and last dates evidence filed under `strategy` may carry: its period, give
    or take `Evidence.DATE_MARGIN_YEARS`."""
    margin = Evidence.DATE_MARGIN_YEARS
    return (
        datetime.date(strategy.first_year - margin, 1, 1),
        datetime.date(strategy.last_year + margin, 12, 31),
    )


def check_date_in_period(date, strategy):
    """Refuse a date evidence filed under `strategy` may not carry, naming the strategy: the
    date never moves an item to another strategy."""
    earliest, latest = evidence_dates(strategy)
    if not earliest <= date <= latest:
        raise ValidationError(
            {
                "date": _(
                    "Give a date between %(earliest)s and %(latest)s: %(strategy)s runs from "
                    "%(first)s to %(last)s."
                )
                % {
                    "earliest": long_date(earliest),
                    "latest": long_date(latest),
                    "strategy": strategy,
                    "first": strategy.first_year,
                    "last": strategy.last_year,
                }
            },
            code="outside_period",
        )


class Transition(StatusTransition):
    """One step in an evidence item's life: who moved it from which status to which, and why."""

    subject = "evidence"

    evidence = models.ForeignKey(
        Evidence, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("evidence")
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=Evidence.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Evidence.Status.choices)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["evidence", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status=EvidenceStatus.RETURNED) | ~Q(reason=""),
                name="transition_return_has_reason",
                violation_error_message=_("Say why the evidence is returned."),
            ),
        ]


class Comment(models.Model):
    """A message in the conversation on an item, between its author and the managers.

    It keeps the state the item had when it was written (status, confidential, country,
    author), so the history rule judges it as it judges the item's versions: no one reads
    a comment who could not have seen the item at that time (`could_see(user,
    comment.item_state)`)."""

    evidence = models.ForeignKey(
        Evidence, on_delete=models.CASCADE, related_name="comments", verbose_name=_("evidence")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence_comments",
        verbose_name=_("author"),
    )
    text = MultiLineField(_("comment"))
    at = models.DateTimeField(_("when"))
    # The item's state when the comment was written.
    item_status = models.CharField(max_length=10, choices=Evidence.Status.choices)
    item_confidential = models.BooleanField()
    item_country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    item_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["evidence", "at", "pk"]

    def __str__(self):
        return f"{self.evidence_id}: {self.author} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def item_state(self):
        """The item as it was when this was written, in the terms of `could_see`."""
        return ItemState(
            status=self.item_status,
            confidential=self.item_confidential,
            country_id=self.item_country_id,
            author_id=self.item_author_id,
        )

    @classmethod
    def on(cls, evidence, *, author, text, at=None):
        """A comment on `evidence` as it is now (not saved)."""
        return cls(
            evidence=evidence,
            author=author,
            text=text,
            at=at or timezone.now(),
            item_status=evidence.status,
            item_confidential=evidence.confidential,
            item_country_id=evidence.country_id,
            item_author_id=evidence.author_id,
        )


@dataclass(frozen=True)
class ItemState:
    status: str
    confidential: bool
    country_id: int
    author_id: int
