from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """The dashboard's as-of date, read from the query string."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only verified evidence dated on or before this day counts."),
    )
    strategy = forms.SlugField(required=False, widget=forms.HiddenInput)
