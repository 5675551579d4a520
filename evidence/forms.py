from functools import partial

from django import forms
from django.conf import settings
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from core.dates import file_size
from core.text import MultiLineFormField
from countries.models import Country

from . import attachments, ratings
from .models import Evidence
from .strategy_choice import StrategyChoice

BOND_FIELDS = [name for name, _label in Evidence.BOND_PRINCIPLES]


class EvidenceForm(StrategyChoice, forms.ModelForm):
    """Log or edit evidence. Countries are limited to the author's assignments and
    sub-objectives to the strategy chosen (`StrategyChoice`), so a tampered id in the POST
    is a field error."""

    # The version the editor loaded; a save based on an older one is refused (no lost updates).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    remove_attachment = forms.BooleanField(label=_("Remove the current attachment"), required=False)
    # A file that passed its checks when another field had an error (`attachments.keep`).
    kept_attachment = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Evidence
        # Declared with its scheme: a link typed without one is taken as https.
        field_classes = {"source_url": partial(forms.URLField, assume_scheme="https")}
        help_texts = {"source_url": _("A web address starting with https:// or http://.")}
        # Named apart so that nobody takes the one for the other.
        labels = {"level": _("Level of change"), "rating": _("Progress rating")}
        fields = [
            "date",
            "country",
            "sub_objective",
            "title",
            "description",
            "level",
            "kind",
            "rating",
            "source_url",
            "source_citation",
            "attachment",
            *BOND_FIELDS,
            "confidential",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
            "source_citation": forms.Textarea(attrs={"rows": 3}),
            # Not the clearable widget: it would link the file under MEDIA_URL.
            "attachment": forms.FileInput,
            # Each rating with its definition, in view where it is chosen.
            "rating": forms.RadioSelect,
        }
        error_messages = {
            "country": {
                "invalid_choice": _(
                    "You can log evidence only for the countries you are assigned to."
                ),
            },
            "sub_objective": {
                "invalid_choice": _("Choose one of the sub-objectives of %(strategy)s."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.original_attachment_name = None
        self.kept = None
        editing = self.instance.pk is not None
        # An item keeps the strategy of its sub-objective; new evidence goes to the chosen one.
        self.choose_strategy(
            kept=self.instance.sub_objective.objective.strategy if editing else None
        )

        self.fields["rating"].choices = ratings.choices_with_definitions()
        country = self.fields["country"]
        country.queryset = Country.objects.assigned_to(user)
        country.empty_label = _("Choose a country")

        self.fields["attachment"].help_text = _(
            "Optional. %(allowed)s; at most %(limit)s. Checked by its content."
        ) % {
            "allowed": attachments.ALLOWED_DESCRIPTION,
            "limit": file_size(settings.ATTACHMENT_MAX_BYTES),
        }
        if editing:
            self.fields["version"].initial = self.instance.version
        if editing and self.instance.attachment:
            self.fields["attachment"].help_text = _(
                "Current file: %(name)s. Choose a new file to replace it. %(rules)s"
            ) % {
                "name": self.instance.attachment_name or _("unnamed"),
                "rules": self.fields["attachment"].help_text,
            }
        else:
            del self.fields["remove_attachment"]

    def bond_fields(self):
        return [self[name] for name in BOND_FIELDS]

    def main_fields(self):
        """The visible fields other than the Bond principles, in order."""
        return [
            field
            for field in self.visible_fields()
            if field.name not in BOND_FIELDS and field.name not in ("strategy", "confidential")
        ]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.original_attachment_name = attachments.check_upload(upload)
        return upload

    def clean_kept_attachment(self):
        token = self.cleaned_data.get("kept_attachment")
        self.kept = attachments.kept_for(token, self.user) if token else None
        return token

    def clean(self):
        cleaned = super().clean()
        has_source = cleaned.get("source_url") or cleaned.get("source_citation")
        if not has_source and "source_url" not in self.errors:
            self.add_error("source_url", _("Give a source: a link, a citation or both."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        if not (self.is_bound and self._errors):
            return
        # Browsers cannot send a file back with a re-displayed form: a file that passed its
        # checks is kept on the server instead, and the form names it.
        if self.original_attachment_name and "attachment" not in self._errors:
            upload = self.cleaned_data["attachment"]
            token = attachments.keep(upload, self.original_attachment_name, self.user)
            self.data = self.data.copy()
            self.data["kept_attachment"] = token
            self.kept = attachments.kept_for(token, self.user)
        if self.kept:
            self.fields["attachment"].help_text = _(
                "Kept from your last try: %(name)s. Choose another file only to replace it."
            ) % {"name": self.kept.original_name}
            self._bound_fields_cache.pop("attachment", None)  # drawn with its old help

    def discard_kept_attachment(self):
        """Delete the kept file once the evidence is saved (it was copied with it)."""
        if self.kept:
            self.kept.discard()

    def note_dropped_attachment(self):
        self.add_error(
            "attachment",
            _("Your file was not kept because the form was not saved: choose it again."),
        )

    def evidence_data(self):
        """The model fields to save, for the services."""
        data = {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name not in ("attachment", "kept_attachment") and name in self.cleaned_data
        }
        upload = self.cleaned_data.get("attachment")
        if upload and self.original_attachment_name:
            data["attachment"] = upload
            data["attachment_name"] = self.original_attachment_name
        elif self.kept:
            data["attachment"] = self.kept.open()
            data["attachment_name"] = self.kept.original_name
        elif self.cleaned_data.get("remove_attachment"):
            data["attachment"] = None
            data["attachment_name"] = ""
        return data

    def changed_since(self, current):
        """[(label, current value, typed value)] where the saved item differs from the input."""
        rows = []
        for name in self._meta.fields:
            if name == "attachment" or name not in self.cleaned_data:
                continue
            field = Evidence._meta.get_field(name)
            saved, typed = getattr(current, name), self.cleaned_data[name]
            if saved != typed:
                rows.append((field.verbose_name, _display(field, saved), _display(field, typed)))
        return rows


def _display(field, value):
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return localize(value)  # dates in the reader's language


class ReturnForm(forms.Form):
    reason = MultiLineFormField(
        label=_("Reason for returning it"),
        help_text=_("The author sees this: say what to add or correct."),
        error_messages={"required": _("Say why the evidence is returned.")},
    )


class CommentForm(forms.Form):
    text = MultiLineFormField(
        label=_("Your comment"),
        help_text=_("The author and the managers read it, in the item's history."),
        error_messages={"required": _("Write your comment.")},
    )


class AnswerForm(forms.Form):
    """The author's reply to a return, sent with the item when resubmitting it."""

    answer = MultiLineFormField(
        label=_("Your answer (optional)"),
        help_text=_("What you changed, for the manager who returned it."),
        required=False,
    )


def selected_ids(values):
    """The item numbers ticked in a list (`?items=…`), ignoring anything else a
    hand-made request might send."""
    return sorted({int(value) for value in values if value.isdigit() and len(value) <= 18})
