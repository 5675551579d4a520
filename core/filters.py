"""Filters shared by the list pages (django-filter)."""

import django_filters
from django import forms

from . import search
from .text import SingleLineFormField


class YearFilter(django_filters.NumberFilter):
    # Whole years in a sane range: the database's year lookup fails beyond year 9999.
    field_class = forms.IntegerField


class SearchFilter(django_filters.CharFilter):
    """Free-text search over some text fields of a list (`core.search.matching`: every
    word found, in any case, accents ignored), through the full-text index `index` when
    the list has one. The query goes through the text validator like any input."""

    field_class = SingleLineFormField

    def __init__(self, *, fields, index=None, **kwargs):
        self.search_fields = fields
        self.index = index
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return search.matching(queryset, value, fields=self.search_fields, index=self.index)
