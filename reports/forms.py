from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.text import MultiLineFormField

NO_TEXT = _("Write the narrative in English, French or both.")


class NarrativeForm(forms.Form):
    """A narrative's texts, at least one language, and the version the writer loaded."""

    text_en = MultiLineFormField(label=_("In English"), required=False, rows=8)
    text_fr = MultiLineFormField(label=_("In French"), required=False, rows=8)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        data = super().clean()
        texts = (data.get("text_en") or "", data.get("text_fr") or "")
        if not any(text.strip() for text in texts) and not self.errors:
            raise forms.ValidationError(NO_TEXT, code="no_text")
        return data


class ReturnForm(forms.Form):
    reason = MultiLineFormField(label=_("Why is it returned?"), rows=3)


# The report is written in any language the site speaks.
LANGUAGES = settings.LANGUAGES


class ReportForm(forms.Form):
    """The report's language (the period comes from the dashboard's as-of form)."""

    language = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGES)
