from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from objectives.models import Strategy


class UploadForm(forms.Form):
    """A file to preview, under one of the strategies open for evidence."""

    strategy = forms.ModelChoiceField(
        label=_("Strategy"),
        queryset=Strategy.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the strategies open for evidence.")},
    )
    file = forms.FileField(
        label=_("Spreadsheet"),
        error_messages={
            "required": _("Choose the file to import."),
            "empty": _("This file is empty: fill in the template, then upload it."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        strategies = Strategy.objects.open_for_evidence(timezone.localdate()).order_by(
            "-is_default", "-first_year"
        )
        self.fields["strategy"].queryset = strategies
        self.fields["file"].help_text = _(
            "The template filled in, as .xlsx or .csv: at most %(rows)s rows and %(size)s. "
            "Nothing is saved until you confirm."
        ) % {
            "rows": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
            "size": filesizeformat(settings.IMPORT_MAX_BYTES),
        }
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"


class ConfirmForm(forms.Form):
    submit_all = forms.BooleanField(
        label=_("Submit them all for verification (otherwise they are saved as drafts)"),
        required=False,
    )
