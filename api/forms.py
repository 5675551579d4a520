import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.text import SingleLineFormField
from countries.models import Country

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = SingleLineFormField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses it, so you know which to revoke: “Power BI report”, say."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The token stops working at the start of this day."),
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Only these countries"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the token reads everything you read in the browser."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["expires_on"].initial = today + datetime.timedelta(days=DEFAULT_DAYS)

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        latest = today + datetime.timedelta(days=settings.API_TOKEN_MAX_DAYS)
        if day <= today:
            raise forms.ValidationError(_("Choose a day after today."), code="past")
        if day > latest:
            raise forms.ValidationError(
                _("Choose a day on or before %(date)s: a token lives at most %(days)d days.")
                % {"date": date_format(latest), "days": settings.API_TOKEN_MAX_DAYS},
                code="too_late",
            )
        return day

    def expires_at(self):
        """The first moment of the chosen day, in the site's time zone."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
