from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import User


def _language_choices():
    # Each language in its own name, so someone shown the wrong one still finds theirs.
    return [("", _("The browser's language"))] + [
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


class AccountForm(forms.ModelForm):
    """The settings a signed-in user changes themselves: for now, the site's language."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=_language_choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The language of every page once you have signed in."),
    )

    class Meta:
        model = User
        fields = ["language"]
