from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Strategy


class StrategyAdminForm(forms.ModelForm):
    """The admin's strategy form. The default is chosen by ticking `make_default` on another
    strategy (`services.make_default` then unsets this one), never by unticking it here, so
    there is always one."""

    make_default = forms.BooleanField(
        label=_("Default strategy"),
        required=False,
        help_text=_(
            "Dashboards, country pages, lists and home show the default strategy unless the "
            "reader picks another. Ticking it here makes it this one instead of the current one."
        ),
    )

    class Meta:
        model = Strategy
        # Every field but the default, whichever fields a strategy gains.
        exclude = ["is_default"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_default:
            field = self.fields["make_default"]
            field.initial = True
            field.disabled = True
            field.help_text = _(
                "This is the default strategy. To change it, make another strategy the default."
            )


class StrategyCopyForm(forms.ModelForm):
    """The name and period of a strategy started from a copy of another (`copy_strategy`)."""

    class Meta:
        model = Strategy
        fields = ["name", "slug", "first_year", "last_year", "open_for_evidence_until"]
        widgets = {
            "open_for_evidence_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }
