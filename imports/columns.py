"""The columns of an evidence spreadsheet: what each holds, its heading in English and
French, and how a heading someone typed is recognised (any order, either language,
accents, case and punctuation ignored; unknown columns are left aside)."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from evidence.models import Evidence

REFERENCE = "reference"
BOND_FIELDS = [name for name, _label in Evidence.BOND_PRINCIPLES]
YES_NO_FIELDS = [*BOND_FIELDS, "confidential"]


@dataclass(frozen=True)
class Column:
    key: str  # the evidence form's field name, or "reference"
    label: object  # lazy: the heading in the reader's language
    note: object  # what the notes sheet says of it
    required: bool = False
    # Other headings accepted for it, in any language.
    aliases: tuple = ()
    width: int = 18

    def heading(self):
        return capfirst(str(self.label))

    def names(self):
        """Every heading this column is recognised by, normalised."""
        found = {normalise(self.key), *(normalise(alias) for alias in self.aliases)}
        for language in ("en", "fr"):
            with translation.override(language):
                found.add(normalise(str(self.label)))
                if self.key != REFERENCE:
                    found.add(normalise(str(Evidence._meta.get_field(self.key).verbose_name)))
        return found


def _field_label(name):
    return Evidence._meta.get_field(name).verbose_name


COLUMNS = [
    Column(
        REFERENCE,
        _("Reference"),
        _(
            "Your office's own id for the row (NE-2019-04, say). Upload the file again and "
            "rows with the same reference update the drafts they created instead of "
            "adding new ones. Each reference once per file."
        ),
        required=True,
        aliases=("ref", "id", "référence", "votre référence", "your reference"),
        width=14,
    ),
    Column(
        "country",
        _("Country"),
        _("One of your countries: its ISO code (NE) or its name in English or French."),
        required=True,
        aliases=("pays",),
    ),
    Column(
        "sub_objective",
        _("Sub-objective"),
        _("The sub-objective's code (1.2); the list shows each code with its name."),
        required=True,
        aliases=("sub-objective code", "code", "sous-objectif", "code du sous-objectif"),
        width=30,
    ),
    Column(
        "date",
        _("Date of the change"),
        _(
            "When it happened: a date cell, 2019-03-01, or 01/03/2019 read day first. "
            "Within the strategy's period, give or take a year, and not in the future."
        ),
        required=True,
        aliases=("date",),
        width=14,
    ),
    Column("title", _("Title"), _("A short title, one line."), required=True, aliases=("titre",)),
    Column(
        "description",
        _("Description of the change"),
        _("What changed, who said so and how you know."),
        required=True,
        aliases=("description",),
        width=40,
    ),
    Column(
        "level",
        _("Level"),
        _("One of the list (in English or French)."),
        required=True,
        aliases=("niveau",),
    ),
    Column(
        "kind",
        _("Kind of change"),
        _("One of the list (in English or French)."),
        required=True,
        aliases=("kind", "type"),
        width=28,
    ),
    Column(
        "rating",
        _("Progress rating"),
        _("One of the list, or its number from 0 (no change yet) to 3 (significant change)."),
        required=True,
        aliases=("rating", "note"),
        width=20,
    ),
    Column(
        "source_url",
        _("Source link"),
        _("A web address. Give a link, a citation or both."),
        aliases=("source", "lien", "link", "url"),
        width=30,
    ),
    Column(
        "source_citation",
        _("Source citation"),
        _("Report, article, meeting record… Give a link, a citation or both."),
        aliases=("citation",),
        width=30,
    ),
    *(
        Column(
            name,
            _field_label(name),
            _("Bond Evidence Principle met: yes or no (empty means no)."),
            width=14,
        )
        for name in BOND_FIELDS
    ),
    Column(
        "confidential",
        _("Confidential"),
        _(
            "Yes if it identifies survivors or puts partners at risk (empty means no): "
            "seen only by this country's staff, managers and admins."
        ),
        aliases=("confidentiel", "confidentielle"),
        width=14,
    ),
]
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = [column for column in COLUMNS if column.required]


def normalise(text):
    """A heading or a label as compared: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", " ", bare).strip()


def _lookup():
    table = {}
    for column in COLUMNS:
        for name in column.names():
            table.setdefault(name, column.key)
    return table


def match_header(cells):
    """{column key: position} for a row of headings; the first of two same headings wins."""
    lookup = _lookup()
    positions = {}
    for position, text in enumerate(cells):
        key = lookup.get(normalise(text)) if isinstance(text, str) else None
        if key is not None and key not in positions:
            positions[key] = position
    return positions


def missing_columns(positions):
    """The required columns a header lacks, by heading; plus the source when neither of its
    two columns is there."""
    missing = [column.heading() for column in REQUIRED if column.key not in positions]
    if "source_url" not in positions and "source_citation" not in positions:
        missing.append(f"{BY_KEY['source_url'].heading()} / {BY_KEY['source_citation'].heading()}")
    return missing
