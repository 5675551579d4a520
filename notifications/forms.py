from django import forms
from django.utils.translation import gettext_lazy as _

from core.roles import roles_of
from countries.models import Country

from .kinds import KINDS
from .models import Delivery, FollowedCountry
from .services import deliveries


class PreferencesForm(forms.Form):
    """For each kind of notification offered to the user: immediately, in a daily digest
    or never; for managers, the countries they follow."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind in KINDS.values() if kind.offered_to(user)]
        current = {}
        for kind in self.kinds:
            current.update({kind.slug: deliveries(kind, [user.pk])[user.pk]})
            self.fields[kind.slug] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help_text,
                choices=Delivery.choices,
                initial=current[kind.slug],
                widget=forms.RadioSelect,
            )
        if roles_of(user).is_manager:
            self.fields["countries"] = forms.ModelMultipleChoiceField(
                label=_("Countries you follow"),
                help_text=_("Tick none to follow every country."),
                queryset=Country.objects.all(),
                required=False,
                initial=FollowedCountry.objects.filter(user=user).values_list("country", flat=True),
                widget=forms.CheckboxSelectMultiple,
            )

    def choices(self):
        return {kind.slug: self.cleaned_data[kind.slug] for kind in self.kinds}

    def countries(self):
        return list(self.cleaned_data.get("countries") or [])
