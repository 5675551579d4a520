import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, YearFilter
from objectives.models import SubObjective

from .models import Resource, TopicArea


class ResourceFilter(django_filters.FilterSet):
    """Search and filters of the resources library."""

    q = SearchFilter(
        fields=["title", "publisher", "summary"],
        label=_("Search"),
        help_text=_("Title, publisher or summary, in any language."),
    )
    sub_objective = django_filters.ModelChoiceFilter(
        label=_("Sub-objective"),
        field_name="sub_objectives",
        queryset=SubObjective.objects.select_related("objective__strategy"),
        empty_label=_("All sub-objectives"),
    )
    topic_area = django_filters.ModelChoiceFilter(
        label=_("Topic area"),
        field_name="topic_areas",
        queryset=TopicArea.objects.all(),
        empty_label=_("All topic areas"),
    )
    year = YearFilter(
        label=_("Year"),
        min_value=1900,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Resource
        fields = []
