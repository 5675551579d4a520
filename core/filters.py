"""Filters shared by the list pages (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from .text import SingleLineFormField
from .translated import in_every_language


class YearFilter(django_filters.NumberFilter):
    # Whole years in a sane range: the database's year lookup fails beyond year 9999.
    field_class = forms.IntegerField


class SearchFilter(django_filters.CharFilter):
    """Free-text search over some text fields of a list: the text typed appears in one of
    them, in any case, and in any language for a translated text (a French word finds the
    English row with its French translation). The query goes through the text validator
    like any input."""

    field_class = SingleLineFormField

    def __init__(self, *, fields, **kwargs):
        self.search_fields = fields
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        value = (value or "").strip()
        if not value:
            return queryset
        matches = Q()
        for name in self.search_fields:
            for path in in_every_language(queryset.model, name):
                matches |= Q(**{f"{path}__icontains": value})
        return queryset.filter(matches)
