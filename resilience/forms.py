from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import MultiLineFormField
from evidence.models import Evidence

from . import access
from .models import CycleStage, Place, Review, Score

SCORE_CHOICES = [("", _("Not reviewed"))] + [
    (value, f"{Score.SYMBOLS[value]} {label}") for value, label in Score.Value.choices
]


class PlaceForm(forms.ModelForm):
    """Add a place. Countries are limited to those the user may record for, so a tampered
    id in the POST is a field error."""

    class Meta:
        model = Place
        fields = ["country", "name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "country": {
                "invalid_choice": _(
                    "You can add places only in the countries you are assigned to."
                ),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = access.recordable_countries(user)
        self.fields["country"].empty_label = _("Choose a country")


class ReviewForm(forms.ModelForm):
    """A review of one place with one optional score per topic area.

    The evidence offered for each score is what the user may see of the place's country,
    read once; an id outside it is refused next to its field.
    """

    class Meta:
        model = Review
        fields = ["date", "stage", "participants", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, topic_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = self.instance.place
        self.topic_areas = list(topic_areas)
        self.fields["stage"].queryset = CycleStage.objects.all()
        self.fields["stage"].empty_label = _("Choose a stage")
        evidence_choices = [
            (str(pk), f"{date:%Y-%m-%d} · {title}")
            for pk, date, title in Evidence.objects.visible_to(user)
            .filter(country=self.place.country)
            .order_by("-date", "-pk")
            .values_list("pk", "date", "title")
        ]
        for topic in self.topic_areas:
            self.fields[f"score_{topic.pk}"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": _(
                        "Choose a score on the scale, from serious gap to strong asset."
                    )
                },
            )
            self.fields[f"note_{topic.pk}"] = MultiLineFormField(
                label=_("Note"), required=False, rows=2
            )
            if evidence_choices:
                self.fields[f"evidence_{topic.pk}"] = forms.TypedMultipleChoiceField(
                    label=_("Evidence"),
                    choices=evidence_choices,
                    coerce=int,
                    required=False,
                    help_text=_("Optional: evidence items of this country that support the score."),
                    error_messages={
                        "invalid_choice": _("Choose evidence of this country that you can see.")
                    },
                )

    def topic_rows(self):
        """[(topic area, score field, note field, evidence field or None)] for the template."""
        return [
            (
                topic,
                self[f"score_{topic.pk}"],
                self[f"note_{topic.pk}"],
                self[f"evidence_{topic.pk}"] if f"evidence_{topic.pk}" in self.fields else None,
            )
            for topic in self.topic_areas
        ]

    def main_fields(self):
        return [self[name] for name in self._meta.fields]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if Review.objects.filter(place=self.place, date=date).exists():
            raise forms.ValidationError(
                _("%(place)s already has a review on this date: choose another date.")
                % {"place": self.place},
                code="duplicate",
            )
        return date

    def clean(self):
        cleaned = super().clean()
        scored = 0
        for topic in self.topic_areas:
            value = cleaned.get(f"score_{topic.pk}")
            if value is not None:
                scored += 1
            elif cleaned.get(f"note_{topic.pk}") or cleaned.get(f"evidence_{topic.pk}"):
                self.add_error(
                    f"score_{topic.pk}",
                    _("Give a score for this topic area, or clear its note and evidence."),
                )
        if not scored and not any(name.startswith("score_") for name in self.errors):
            raise forms.ValidationError(_("Score at least one topic area."), code="no_scores")
        return cleaned

    def review_data(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def scores(self):
        """[(topic area, value, note, evidence ids)] for the scored topic areas."""
        return [
            (
                topic,
                self.cleaned_data[f"score_{topic.pk}"],
                self.cleaned_data.get(f"note_{topic.pk}", ""),
                self.cleaned_data.get(f"evidence_{topic.pk}", []),
            )
            for topic in self.topic_areas
            if self.cleaned_data.get(f"score_{topic.pk}") is not None
        ]


class CountryChoiceForm(forms.Form):
    """The comparison page's one filter: a country, or all of them."""

    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=None,
        required=False,
        empty_label=_("All countries"),
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
