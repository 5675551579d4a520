"""Filters of the API's lists. The evidence and resources lists take the very filters of
their pages (`evidence.filters.EvidenceFilter`, `resilience.filters.ResourceFilter`); an
invalid value is a 400 naming the parameter, never a silently unfiltered list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

from countries.models import Country
from resilience.models import Place, Review


class PlaceFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())

    class Meta:
        model = Place
        fields = []


class ReviewFilter(django_filters.FilterSet):
    place = django_filters.ModelChoiceFilter(label=_("Place"), queryset=Place.objects.all())
    date_from = django_filters.DateFilter(
        label=_("Dated on or after"), field_name="date", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(
        label=_("Dated on or before"), field_name="date", lookup_expr="lte"
    )

    class Meta:
        model = Review
        fields = []


# The OpenAPI type of each kind of filter; anything else is a string.
SCHEMA_TYPES = {
    django_filters.ModelChoiceFilter: {"type": "integer"},
    django_filters.DateFilter: {"type": "string", "format": "date"},
    django_filters.NumberFilter: {"type": "integer"},
}


class FilterSetBackend(BaseFilterBackend):
    """Applies the view's `filterset_class` to list requests, built with the view's
    `filterset_kwargs()` (the evidence filters need the strategy shown)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None or view.action != "list":
            return queryset
        filterset = filterset_class(
            request.query_params, queryset=queryset, **view.filterset_kwargs()
        )
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return filterset.qs

    def get_schema_operation_parameters(self, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return []
        parameters = []
        for name, declared in filterset_class.base_filters.items():
            schema = next(
                (kind for cls, kind in SCHEMA_TYPES.items() if isinstance(declared, cls)),
                {"type": "string"},
            )
            choices = getattr(declared, "extra", {}).get("choices")
            if choices and not callable(choices):
                schema = {**schema, "enum": [str(value) for value, _label in choices]}
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "description": str(declared.label or name),
                    "schema": schema,
                }
            )
        return parameters
