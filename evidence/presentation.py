"""What the evidence pages show beyond the items themselves."""

import datetime

from django import forms
from django.utils.translation import gettext as _

from core.dates import long_date


def active_filters(filterset):
    """[(label, value as shown)] of the filters a list is narrowed by, so the page can say
    what it shows (a matrix cell's link, say: a country, a sub-objective, verified,
    dated up to a day). Empty when no filter is in use or one is not valid."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    shown = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, ""):
            continue
        field = filterset.form.fields[name]
        if isinstance(value, datetime.date):
            text = long_date(value)
        elif isinstance(field, forms.ModelChoiceField):
            text = str(value)
        elif isinstance(field, forms.ChoiceField):
            text = str({str(key): label for key, label in field.choices}.get(value, value))
        elif isinstance(value, str):
            text = f"“{value}”"  # what was searched for, as typed
        else:
            text = str(value)
        shown.append((field.label, text))
    return shown


def refusal(evidence, why):
    """Why an item ticked in the queue was not verified, naming it."""
    names = {"title": evidence.title, "number": evidence.pk}
    if why == "own":
        return (
            _(
                "Not verified: you wrote “%(title)s” (no. %(number)s); another manager "
                "must verify it."
            )
            % names
        )
    return _("Not verified: “%(title)s” (no. %(number)s) no longer waits for verification.") % names
