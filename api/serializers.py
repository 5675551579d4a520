"""What each endpoint returns. Codes are the stable values (`rating: 3`, `level:
"national"`); each has a `_label` beside it in the reader's language. Whether the reader
may see a row was decided before it reaches a serializer; what a serializer hides inside a
visible row (return reasons, evidence linked from a score) it hides by the pages' rules."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import Country
from evidence import access as evidence_access
from evidence.models import Evidence, Transition
from objectives.models import Objective, Strategy, SubObjective
from resilience.models import Place, Resource, Review, Score


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The label of a choice in the reader's language, read from the model's choices once
    (Django's `get_<field>_display` is several times slower, which shows on a page of 100)."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        self.labels = None
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if self.labels is None:  # a field lives for one request, so in one language
            self.labels = {key: str(label) for key, label in self.choices}
        return self.labels[value]


@extend_schema_field(OpenApiTypes.STR)
class FullNameField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, user):
        return user.get_full_name()


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code.code")
    name = serializers.CharField()

    class Meta:
        model = Country
        fields = ["id", "code", "name", "programme_theme"]


class SubObjectiveSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = SubObjective
        fields = ["id", "code", "number", "short_title", "text"]


class ObjectiveSerializer(serializers.ModelSerializer):
    sub_objectives = SubObjectiveSerializer(many=True)

    class Meta:
        model = Objective
        fields = ["id", "number", "short_title", "title", "sub_objectives"]


class StrategySerializer(serializers.ModelSerializer):
    target_countries = serializers.SerializerMethodField()
    objectives = ObjectiveSerializer(many=True)

    class Meta:
        model = Strategy
        fields = [
            "id",
            "slug",
            "name",
            "first_year",
            "last_year",
            "target_country_count",
            "is_default",
            "open_for_evidence_until",
            "vision",
            "mission",
            "priority",
            "target_countries",
            "objectives",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_target_countries(self, strategy):
        """ISO codes, in the order of their names (as on the dashboard)."""
        countries = sorted(strategy.target_countries.all(), key=lambda c: str(c.name))
        return [country.code.code for country in countries]


class TransitionSerializer(serializers.ModelSerializer):
    actor = FullNameField()
    reason = serializers.SerializerMethodField()

    class Meta:
        model = Transition
        fields = ["at", "actor", "from_status", "to_status", "reason"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason(self, transition):
        """As on the item's page: the author and the managers read return reasons; others
        get null."""
        user = self.context["request"].user
        return transition.reason if evidence_access.takes_part(user, transition.evidence) else None


PLACEHOLDER_ID = 987654321


class EvidenceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code.code")
    strategy = serializers.CharField(source="sub_objective.objective.strategy.slug")
    sub_objective = serializers.CharField(source="sub_objective.code")
    sub_objective_id = serializers.IntegerField()
    level_label = LabelField(Evidence.Level.choices, source="level")
    kind_label = LabelField(Evidence.Kind.choices, source="kind")
    rating_label = LabelField(Evidence.Rating.choices, source="rating")
    status_label = LabelField(Evidence.Status.choices, source="status")
    author = FullNameField()
    page = serializers.SerializerMethodField()
    has_attachment = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "page",
            "date",
            "country",
            "strategy",
            "sub_objective",
            "sub_objective_id",
            "title",
            "description",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "rating",
            "rating_label",
            "source_url",
            "source_citation",
            "has_attachment",
            *(name for name, _label in Evidence.BOND_PRINCIPLES),
            "confidential",
            "status",
            "status_label",
            "author",
            "created_at",
            "updated_at",
            "transitions",
        ]

    def get_page(self, evidence) -> str:
        # The address of the item's page, resolved once per list rather than once per row.
        if "page_address" not in self.context:
            placeholder = reverse("evidence:detail", args=[PLACEHOLDER_ID])
            self.context["page_address"] = self.context["request"].build_absolute_uri(placeholder)
        return self.context["page_address"].replace(str(PLACEHOLDER_ID), str(evidence.pk))

    def get_has_attachment(self, evidence) -> bool:
        """The file itself is downloaded from the item's page, signed in."""
        return bool(evidence.attachment)


class PlaceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code.code")
    kind_label = LabelField(Place.Kind.choices, source="kind")

    class Meta:
        model = Place
        fields = ["id", "country", "name", "kind", "kind_label", "description"]


class ScoreSerializer(serializers.ModelSerializer):
    topic_area = serializers.CharField(source="topic_area.name")
    topic_area_id = serializers.IntegerField()
    topic_area_level = serializers.CharField(source="topic_area.level")
    value_label = LabelField(Score.Value.choices, source="value")
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = [
            "topic_area_id",
            "topic_area",
            "topic_area_level",
            "value",
            "value_label",
            "note",
            "evidence",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_evidence(self, score):
        """Ids of the linked evidence the reader may see (prefetched through `visible_to`)."""
        return [evidence.pk for evidence in score.evidence.all()]


class ReviewSerializer(serializers.ModelSerializer):
    place_id = serializers.IntegerField()
    stage = serializers.CharField(source="stage.name")
    recorded_by = FullNameField()
    scores = ScoreSerializer(many=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "place_id",
            "date",
            "stage",
            "participants",
            "notes",
            "recorded_by",
            "scores",
        ]


class ResourceSerializer(serializers.ModelSerializer):
    sub_objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    topic_areas = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = ["id", "title", "publisher", "year", "summary", "url", "file"]
        fields += ["sub_objectives", "topic_areas"]

    def get_file(self, resource) -> str | None:
        """The library's download, for a signed-in reader."""
        if not resource.file:
            return None
        url = reverse("resilience:resource_file", args=[resource.pk])
        return self.context["request"].build_absolute_uri(url)
