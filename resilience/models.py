"""Community resilience reviews: places, dated reviews scored per topic area, and a
library of guidance resources.

The resilience framework proposes a cycle of stages and a set of topic areas for local
review, but its own stage names and topic list are not in our sources: both are data,
shipped as a labelled starter template (`is_starter`, `source`) for admins to adapt.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import RandomName
from core.roles import roles_of
from core.text import MultiLineField, SingleLineField, single_line
from core.translated import EnglishOriginal, in_reader_language
from countries.models import Country
from evidence.models import Evidence
from objectives.models import SubObjective


class CycleStage(EnglishOriginal):
    """A stage of the adaptive resilience cycle a place is at when it is reviewed."""

    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    name = SingleLineField(_("name"), max_length=120, unique=True)
    description = MultiLineField(_("description"), blank=True)
    is_starter = models.BooleanField(
        _("starter template"),
        default=False,
        help_text=_("Shipped as a starter template to adapt, not taken from the framework paper."),
    )
    source = SingleLineField(_("source"), max_length=255, blank=True)

    # Its history (`history`) is registered with its translations, in translation.py.

    class Meta:
        verbose_name = _("cycle stage")
        verbose_name_plural = _("cycle stages")
        ordering = ["order"]

    def __str__(self):
        return self.name


class TopicAreaLevel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COMMUNITY = "community", _("Community")
    STRUCTURAL = "structural", _("Structural and societal")


class TopicArea(EnglishOriginal):
    """A social determinant of slavery reviewed in a place, at one level."""

    Level = TopicAreaLevel

    name = SingleLineField(_("name"), max_length=120, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = MultiLineField(_("description"), blank=True)
    is_starter = models.BooleanField(
        _("starter template"),
        default=False,
        help_text=_("Shipped as a starter template to adapt."),
    )
    source = SingleLineField(
        _("source"), max_length=255, blank=True, help_text=_("Where this topic area comes from.")
    )

    # Its history (`history`) is registered with its translations, in translation.py.

    class Meta:
        verbose_name = _("topic area")
        verbose_name_plural = _("topic areas")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=TopicAreaLevel.values),
                name="topic_area_level_known",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resilience:topic_area", args=[self.pk])


class PlaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Places are read by everyone with a role (managers and country staff)."""
        roles = roles_of(user)
        if roles.is_manager or roles.is_country_staff:
            return self
        return self.none()

    def with_latest_reviews(self):
        """Annotate the ids and dates of each place's latest and previous reviews, in the
        same query (the comparison grid and the place lists need them for every place)."""
        reviews = Review.objects.filter(place=OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(
            latest_review_id=Subquery(reviews.values("pk")[:1]),
            latest_review_date=Subquery(reviews.values("date")[:1]),
            latest_stage_name=Subquery(reviews.values(name=in_reader_language("stage__name"))[:1]),
            previous_review_id=Subquery(reviews.values("pk")[1:2]),
        )


class PlaceKind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    TOWN = "town", _("Town")
    DISTRICT = "district", _("District")


class Place(models.Model):
    """A place-based community reviewed over time: a community, town or district."""

    Kind = PlaceKind

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="places", verbose_name=_("country")
    )
    name = SingleLineField(_("name"), max_length=120)
    kind = models.CharField(_("kind of place"), max_length=10, choices=Kind.choices)
    description = MultiLineField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
        null=True,
        blank=True,
    )

    history = HistoricalRecords()
    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                name="unique_place_name_per_country",
                violation_error_message=_("This country already has a place with this name."),
            ),
            models.CheckConstraint(condition=Q(kind__in=PlaceKind.values), name="place_kind_known"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resilience:place", args=[self.pk])


class Review(models.Model):
    """A place's review on one date: the stage of the cycle it is at and who took part."""

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("place")
    )
    date = models.DateField(_("date of the review"))
    stage = models.ForeignKey(
        CycleStage,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("stage of the cycle"),
    )
    participants = MultiLineField(
        _("who took part"),
        help_text=_("Groups and organisations, not names of survivors."),
    )
    notes = MultiLineField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="resilience_reviews",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["place", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "date"],
                name="unique_review_per_place_and_date",
                violation_error_message=_("This place already has a review on this date."),
            ),
        ]

    def __str__(self):
        return f"{self.place} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("resilience:review", args=[self.pk])

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("A review cannot be dated in the future.")}, code="future"
            )


class ScoreValue(models.IntegerChoices):
    SERIOUS_GAP = 0, _("Serious gap")
    GAP = 1, _("Gap")
    MIXED = 2, _("Mixed")
    ASSET = 3, _("Asset")
    STRONG_ASSET = 4, _("Strong asset")


class Score(models.Model):
    """How one topic area stood in one review, on an ordinal scale from gap to asset."""

    Value = ScoreValue

    # Shown next to the label so a score is never told by colour alone.
    SYMBOLS = {0: "−−", 1: "−", 2: "±", 3: "+", 4: "++"}

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    topic_area = models.ForeignKey(
        TopicArea, on_delete=models.PROTECT, related_name="scores", verbose_name=_("topic area")
    )
    value = models.PositiveSmallIntegerField(_("score"), choices=Value.choices)
    note = MultiLineField(_("note"), blank=True)
    evidence = models.ManyToManyField(
        Evidence, related_name="resilience_scores", blank=True, verbose_name=_("evidence")
    )

    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "topic_area"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "topic_area"], name="unique_score_per_review_and_topic_area"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=min(ScoreValue), value__lte=max(ScoreValue)),
                name="score_value_on_scale",
            ),
        ]

    def __str__(self):
        return f"{self.topic_area}: {self.get_value_display()}"

    @property
    def symbol(self):
        return self.SYMBOLS[self.value]


class ResourceQuerySet(models.QuerySet):
    def for_sub_objective(self, sub_objective):
        return self.filter(sub_objectives=sub_objective)

    def for_topic_area(self, topic_area):
        return self.filter(topic_areas=topic_area)


class Resource(EnglishOriginal):
    """A guidance document in the library, tagged with sub-objectives and topic areas."""

    title = SingleLineField(_("title"), max_length=255, unique=True)
    publisher = SingleLineField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    summary = MultiLineField(_("summary"))
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[single_line])
    file = models.FileField(_("file"), upload_to=RandomName("resources"), blank=True)
    sub_objectives = models.ManyToManyField(
        SubObjective, related_name="resources", blank=True, verbose_name=_("sub-objectives")
    )
    topic_areas = models.ManyToManyField(
        TopicArea, related_name="resources", blank=True, verbose_name=_("topic areas")
    )

    # Its history (`history`) is registered with its translations, in translation.py.
    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                name="resource_year_plausible",
                violation_error_message=_("Give a year between 1900 and 2100."),
            ),
        ]

    def __str__(self):
        return self.title
