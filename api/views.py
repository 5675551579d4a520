"""The read API's endpoints. Each reads through the helper its page uses (`visible_to`,
`evidence_for`, `country_for`, `place_for`, `review_for`, `strategy_from`), so a token
sees exactly what its user sees in the browser, narrowed to the token's countries."""

import datetime
import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.db.models import Max, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.utils.encoders import JSONEncoder

from countries.access import country_for
from countries.models import Country
from evidence import access as evidence_access
from evidence.filters import EvidenceFilter
from evidence.models import Evidence, Transition
from objectives.models import Objective, Strategy, SubObjective
from objectives.selection import strategy_from
from progress import rollup
from resilience import access as resilience_access
from resilience.filters import ResourceFilter
from resilience.models import Place, Resource, Review, Score

from . import readouts, serializers
from .filters import PlaceFilter, ReviewFilter
from .permissions import CoversEveryCountry, IsManager, scope_of
from .throttling import AddressRateThrottle

BY_ID = (("id", int),)


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """What every endpoint shares: tokens instead of the sign-in page, a role required,
    the address throttle before anyone is known, keyset pages in `keyset` order."""

    keyset = BY_ID
    lookup_value_regex = r"[0-9]+"
    # True where the item's page lets its access helper answer (404 to whoever may not see
    # the item, a user with no role included) rather than refusing those without a role.
    retrieve_checked_by_helper = False

    @classmethod
    def as_view(cls, *args, **kwargs):
        # Tokens sign API requests in; the site's redirect to the sign-in page is for pages.
        return login_not_required(super().as_view(*args, **kwargs))

    def initial(self, request, *args, **kwargs):
        throttle = AddressRateThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        super().initial(request, *args, **kwargs)

    def get_permissions(self):
        if self.action == "retrieve" and self.retrieve_checked_by_helper:
            return [IsAuthenticated()]
        return super().get_permissions()

    def filterset_kwargs(self):
        return {}

    def in_scope(self, queryset, field="country_id"):
        """Rows of the token's countries only, when it is limited to some."""
        scope = scope_of(self.request)
        return queryset if scope is None else queryset.filter(**{f"{field}__in": scope})

    def require_in_scope(self, country_id):
        scope = scope_of(self.request)
        if scope is not None and country_id not in scope:
            raise Http404


class StrategyViewSet(ReadViewSet):
    """Strategies with their target countries, objectives and sub-objectives."""

    serializer_class = serializers.StrategySerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        objectives = Objective.objects.prefetch_related(
            Prefetch("sub_objectives", queryset=SubObjective.objects.order_by("number"))
        ).order_by("number")
        return Strategy.objects.prefetch_related(
            "target_countries", Prefetch("objectives", queryset=objectives)
        ).order_by("-first_year", "id")

    @extend_schema(
        summary="The roll-up of a strategy as of a date",
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="The date figures are read as of: today, or the strategy's last "
                "day once it has ended, by default.",
            )
        ],
        responses={200: OpenApiTypes.OBJECT, 304: OpenApiResponse(description="Not modified")},
    )
    @action(detail=True, permission_classes=[IsManager, CoversEveryCountry], pagination_class=None)
    def rollup(self, request, slug=None):
        strategy = self.get_object()
        as_of = _as_of(request, strategy)
        dashboard = rollup.build_dashboard(strategy, as_of)
        return conditional(request, readouts.rollup_data(dashboard, request.user))


def _as_of(request, strategy):
    raw = request.query_params.get("as_of")
    if not raw:
        return rollup.default_as_of(strategy, timezone.localdate())
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise exceptions.ValidationError({"as_of": [_("Give a date as YYYY-MM-DD.")]}) from None


def conditional(request, data):
    """The roll-up with an ETag (a digest of the figures themselves, so it changes exactly
    when they do) and Last-Modified (the latest change to any evidence or strategy): a BI
    refresh that sends the ETag back in If-None-Match gets an empty 304 while nothing moved.
    The 304 goes by the ETag alone: without `as_of` the figures are today's and move with
    the calendar, which no modification date tells."""
    body = json.dumps(data, cls=JSONEncoder, ensure_ascii=False).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Every change to evidence and strategies leaves a dated history record, and the history
    # date is indexed: the latest one is read from the index, not from every item.
    changed = max(
        (model.history.aggregate(at=Max("history_date"))["at"] for model in (Evidence, Strategy)),
        key=lambda at: at or datetime.datetime.min.replace(tzinfo=datetime.UTC),
    )
    not_modified = get_conditional_response(request._request, etag=etag, last_modified=None)
    # The body hashed is the body sent: rendered once.
    response = not_modified or HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    # Kept privately by the client and checked again on each use (not no-store), so the
    # conditional request is possible at all.
    response["Cache-Control"] = "private, no-cache"
    return response


class CountryViewSet(ReadViewSet):
    """Countries the organisation works in; a strategy lists its target countries."""

    serializer_class = serializers.CountrySerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return self.in_scope(Country.objects.all(), field="id")

    def get_object(self):
        country = country_for(self.request.user, self.kwargs["code"])
        self.require_in_scope(country.pk)
        return country


class EvidenceViewSet(ReadViewSet):
    """Evidence of one strategy (the default unless `?strategy=`), newest first, with the
    evidence list's filters; each item with its status changes."""

    retrieve_checked_by_helper = True
    serializer_class = serializers.EvidenceSerializer
    filterset_class = EvidenceFilter
    keyset = (("-date", datetime.date), ("-id", int))

    def strategy(self):
        if not hasattr(self, "_strategy"):
            self._strategy = strategy_from(self.request)
        return self._strategy

    def filterset_kwargs(self):
        return {"strategy": self.strategy()}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Evidence.objects.none()  # the OpenAPI description, made without a request
        # The strategy's sub-objectives as a list of ids (one small query): with a subquery
        # or a join instead, PostgreSQL cannot tell how many items match, sorts them all
        # and the first page of 100,000 items takes half a second instead of a millisecond.
        sub_objectives = list(
            SubObjective.objects.of_strategy(self.strategy()).values_list("pk", flat=True)
        )
        evidence = Evidence.objects.visible_to(self.request.user).filter(
            sub_objective_id__in=sub_objectives
        )
        return self.in_scope(_with_transitions(evidence.with_related()))

    def get_object(self):
        evidence = evidence_access.evidence_for(self.request.user, self.kwargs["pk"])
        self.require_in_scope(evidence.country_id)
        return _with_transitions(Evidence.objects.with_related()).get(pk=evidence.pk)


def _with_transitions(evidence):
    steps = Transition.objects.select_related("actor").order_by("at", "pk")
    return evidence.select_related("sub_objective__objective__strategy").prefetch_related(
        Prefetch("transitions", queryset=steps)
    )


class PlaceViewSet(ReadViewSet):
    """Places under resilience review."""

    retrieve_checked_by_helper = True
    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceFilter

    def get_queryset(self):
        return self.in_scope(Place.objects.visible_to(self.request.user).select_related("country"))

    def get_object(self):
        place = resilience_access.place_for(self.request.user, self.kwargs["pk"])
        self.require_in_scope(place.country_id)
        return place


class ReviewViewSet(ReadViewSet):
    """Reviews of places, each with its scores per topic area."""

    retrieve_checked_by_helper = True
    serializer_class = serializers.ReviewSerializer
    filterset_class = ReviewFilter

    def get_queryset(self):
        user = self.request.user
        visible = Evidence.objects.visible_to(user).only("pk")
        scores = Score.objects.select_related("topic_area").prefetch_related(
            Prefetch("evidence", queryset=visible)
        )
        reviews = (
            Review.objects.filter(place__in=Place.objects.visible_to(user))
            .select_related("stage", "recorded_by", "place")
            .prefetch_related(Prefetch("scores", queryset=scores))
        )
        return self.in_scope(reviews, field="place__country_id")

    def get_object(self):
        review = resilience_access.review_for(self.request.user, self.kwargs["pk"])
        self.require_in_scope(review.place.country_id)
        return get_object_or_404(self.get_queryset(), pk=review.pk)


class ResourceViewSet(ReadViewSet):
    """The resources library, with its page's filters."""

    serializer_class = serializers.ResourceSerializer
    filterset_class = ResourceFilter

    def get_queryset(self):
        return Resource.objects.prefetch_related("sub_objectives", "topic_areas")
