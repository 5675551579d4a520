import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core import paging
from core.filters import SearchFilter, YearFilter
from core.roles import COUNTRY_STAFF
from countries.models import Country
from objectives.models import Objective, SubObjective

from . import search
from .models import Evidence


class EvidenceFilter(django_filters.FilterSet):
    """Filters of the evidence list. It filters a queryset already limited to what the
    reader may see (`visible_to`), so no filter can reveal more."""

    q = SearchFilter(
        fields=search.INDEX.fields,
        index=search.INDEX,
        label=_("Search"),
        help_text=_("Title, description or citation."),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.all(), empty_label=_("All countries")
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"),
        field_name="sub_objective__objective",
        queryset=None,
        empty_label=_("All objectives"),
    )
    sub_objective = django_filters.ModelChoiceFilter(
        label=_("Sub-objective"), queryset=None, empty_label=_("All sub-objectives")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Evidence.Level.choices, empty_label=_("All levels")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of change"), choices=Evidence.Kind.choices, empty_label=_("All kinds")
    )
    rating = django_filters.ChoiceFilter(
        label=_("Rating"), choices=Evidence.Rating.choices, empty_label=_("All ratings")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Evidence.Status.choices, empty_label=_("All statuses")
    )
    date_from = django_filters.DateFilter(
        label=_("Dated on or after"),
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Dated on or before"),
        field_name="date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = YearFilter(
        label=_("Year"),
        field_name="date",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        # A text input keeps whatever was typed on screen next to its error.
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Author"),
        queryset=User.objects.filter(groups__name=COUNTRY_STAFF).order_by(
            "first_name", "last_name", "username"
        ),
        empty_label=_("All authors"),
    )

    class Meta:
        model = Evidence
        fields = []

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["objective"].queryset = Objective.objects.filter(strategy=strategy)
        self.filters["sub_objective"].queryset = SubObjective.objects.of_strategy(
            strategy
        ).select_related("objective")


class QueueFilter(EvidenceFilter):
    """The verification queue's filters: some of the evidence list's, and its order
    (the items that have waited longest come first unless asked otherwise)."""

    KEPT = ("country", "sub_objective", "author", "level", "order")

    order = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("oldest", _("Waiting longest first")), ("newest", _("Most recent first"))],
        empty_label=None,
        method="order_by_waiting",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name not in self.KEPT:
                del self.filters[name]

    def order_by_waiting(self, queryset, name, value):
        # The order is the keyset's (`keyset`): a page is read from the queue's index.
        return queryset

    def keyset(self):
        """The queue's order: waiting longest first, or most recent first."""
        newest = (
            self.is_bound and self.is_valid() and self.form.cleaned_data.get("order") == "newest"
        )
        return paging.Keyset("submitted_at", descending=newest)
