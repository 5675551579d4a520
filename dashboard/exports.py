"""The dashboard's exports: the matrix and the evidence behind it, as tables for
`core.exports` to write as CSV or XLSX.

Confidential evidence never leaves in an export, whoever asks. The matrix is an
aggregate (like the dashboard, its statuses count confidential evidence without
revealing it). The evidence table reads rows from `values_list(...).iterator()`, so a
large export never holds model instances or the whole result in memory.
"""

from django.utils.translation import gettext as _
from django_countries import countries as country_names

from core.dates import long_date
from core.exports import Column, Table
from evidence.models import Evidence
from progress.presentation import displays

CHUNK_SIZE = 2_000


def filename(strategy, table, as_of):
    return f"{strategy.slug}-{table}-{as_of:%Y-%m-%d}"


def _as_of_note(as_of):
    return _("As of %(date)s: verified evidence dated on or before this day.") % {
        "date": long_date(as_of)
    }


def matrix_table(dashboard):
    """One row per target country: its significant change, then each sub-objective's
    status as text."""
    shown = displays()
    rows = (
        [
            str(country),
            country.code.code,
            _("Yes") if significant else _("No"),
            *(shown[status].label for _sub, status in cells),
        ]
        for country, significant, cells in dashboard.matrix()
    )
    return Table(
        title=_("Matrix: %(strategy)s") % {"strategy": dashboard.strategy},
        notes=[_as_of_note(dashboard.as_of)],
        columns=[
            Column(_("Country"), width=18),
            Column(_("ISO code"), width=8),
            Column(_("Significant change"), width=12),
            *(
                Column(f"{sub.code} {sub.label}", width=18, wrap=True)
                for sub in dashboard.sub_objectives
            ),
        ],
        rows=rows,
    )


EVIDENCE_FIELDS = (
    "pk",
    "date",
    "country__code",
    "sub_objective__objective__number",
    "sub_objective__number",
    "title",
    "description",
    "level",
    "kind",
    "rating",
    "source_url",
    "source_citation",
    *(name for name, _ in Evidence.BOND_PRINCIPLES),
)


def exportable_evidence(user, strategy, as_of):
    """Verified evidence of the strategy dated on or before `as_of` that `user` may see,
    never confidential, oldest first."""
    return (
        Evidence.objects.visible_to(user)
        .verified()
        .not_confidential()
        .of_strategy(strategy)
        .as_of(as_of)
        .order_by("date", "pk")
    )


def _evidence_rows(evidence):
    levels = {value: str(label) for value, label in Evidence.Level.choices}
    kinds = {value: str(label) for value, label in Evidence.Kind.choices}
    ratings = {value: str(label) for value, label in Evidence.Rating.choices}
    yes, no = _("Yes"), _("No")
    rows = evidence.values_list(*EVIDENCE_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    for pk, day, code, objective, number, title, description, level, kind, rating, *rest in rows:
        url, citation, *principles = rest
        yield [
            pk,
            day,
            country_names.name(code),
            code,
            f"{objective}.{number}",
            title,
            description,
            levels[level],
            kinds[kind],
            ratings[rating],
            url,
            citation,
            *(yes if met else no for met in principles),
        ]


def evidence_table(user, strategy, as_of):
    return Table(
        title=_("Evidence: %(strategy)s") % {"strategy": strategy},
        notes=[
            _as_of_note(as_of),
            _("Confidential evidence is never exported."),
        ],
        columns=[
            Column(_("ID"), width=8),
            Column(_("Date"), width=12),
            Column(_("Country"), width=16),
            Column(_("ISO code"), width=8),
            Column(_("Sub-objective"), width=10),
            Column(_("Title"), width=40, wrap=True),
            Column(_("Description"), width=60, wrap=True),
            Column(_("Level of change"), width=16),
            Column(_("Kind of change"), width=22, wrap=True),
            Column(_("Progress rating"), width=16),
            Column(_("Source link"), width=30),
            Column(_("Source citation"), width=30, wrap=True),
            *(Column(str(label), width=12) for _name, label in Evidence.BOND_PRINCIPLES),
        ],
        rows=_evidence_rows(exportable_evidence(user, strategy, as_of)),
    )
