"""Filters shared by the list pages (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from .text import SingleLineFormField


class YearFilter(django_filters.NumberFilter):
    # Whole years in a sane range: the database's year lookup fails beyond year 9999.
    field_class = forms.IntegerField


class SearchFilter(django_filters.CharFilter):
    """Free-text search over some text fields of a list: the text typed appears in one of
    them, in any case. The query goes through the text validator like any input."""

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
            matches |= Q(**{f"{name}__icontains": value})
        return queryset.filter(matches)
