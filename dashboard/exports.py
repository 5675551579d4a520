"""The dashboard's exports: the matrix and the evidence behind it, as tables for
`core.exports` to write as CSV or XLSX.

Confidential evidence never leaves in an export, whoever asks. The matrix is an
aggregate (like the dashboard, its statuses count confidential evidence without
revealing it). The evidence table reads rows from `values_list(...).iterator()`, so a
large export never holds model instances or the whole result in memory.

Managers export the matrix and all evidence; country staff export the verified evidence
they may see of the countries they are assigned to.
"""

import functools

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from core import paging
from core.access import has_assigned_countries, is_manager
from core.dates import long_date
from core.exports import DATE, DATETIME, Column, Table
from core.roles import roles_of
from evidence.models import Evidence, Transition
from progress import rollup
from progress.presentation import displays

CHUNK_SIZE = 5_000
# The evidence export's order, read by keyset through the date index (`_evidence_rows`).
OLDEST_FIRST = paging.Keyset("date")


def filename(strategy, table, as_of):
    return f"{strategy.slug}-{table}-{as_of:%Y-%m-%d}"


def _as_of_note(as_of):
    return _("As of %(date)s: verified evidence dated on or before this day.") % {
        "date": long_date(as_of)
    }


def _qualifies_note():
    return _(
        "Counts towards the headline: verified evidence rated significant change, at "
        "national level, of a law, a policy or a practice (the strategy's definition). "
        "Significant change of another level or kind does not make a country count."
    )


def _matrix_key(shown):
    statuses = "; ".join(f"{d.symbol} {d.label}" for d in reversed(shown.values()))
    return _("Key: %(statuses)s; ◆ after a status: the cell counts towards the headline.") % {
        "statuses": statuses
    }


def _matrix_rows(dashboard, shown, qualifying):
    yes, no = _("Yes"), _("No")
    for country, significant, cells in dashboard.matrix():
        yield [
            str(country),
            country.code.code,
            yes if significant else no,
            dashboard.significant_since[country.pk] if significant else None,
            *(
                f"{shown[status].symbol} {shown[status].label}"
                + (" ◆" if (country.pk, sub.pk) in qualifying else "")
                for sub, status in cells
            ),
        ]


def matrix_table(dashboard):
    """One row per target country: whether it counts towards the headline and since when,
    then each sub-objective's status as a symbol and text, ◆ marking the cells that count."""
    shown = displays()
    qualifying = rollup.qualifying_cells(
        dashboard.strategy,
        dashboard.as_of,
        countries=dashboard.countries,
        sub_objectives=dashboard.sub_objectives,
    )
    return Table(
        title=_("Matrix: %(strategy)s") % {"strategy": dashboard.strategy},
        notes=[
            _as_of_note(dashboard.as_of),
            _("Countries with significant change: %(count)s of %(target)s.")
            % {"count": dashboard.headline, "target": dashboard.target},
            _matrix_key(shown),
            _qualifies_note(),
        ],
        columns=[
            Column(_("Country"), width=18),
            Column(_("ISO code"), width=8),
            Column(_("Counts towards the headline"), width=14, wrap=True),
            Column(_("Since"), width=12, number_format=DATE),
            *(
                Column(f"{sub.code} {sub.label}", width=20, wrap=True)
                for sub in dashboard.sub_objectives
            ),
        ],
        rows=_matrix_rows(dashboard, shown, qualifying),
    )


EVIDENCE_FIELDS = (
    "pk",
    "date",
    "country__code",
    "sub_objective__objective__number",
    "sub_objective__objective__short_title",
    "sub_objective__number",
    "title",
    "description",
    "level",
    "kind",
    "rating",
    "qualifies",
    "source_url",
    "source_citation",
    *(name for name, _ in Evidence.BOND_PRINCIPLES),
    "author_name",
    "author__username",
    "verified_at",
    "verified_by",
)


def may_export_evidence(user):
    """Managers, and country staff with countries of their own."""
    return is_manager(user) or has_assigned_countries(user)


def exportable_evidence(user, strategy, as_of):
    """Verified evidence of the strategy dated on or before `as_of` that `user` may see,
    never confidential, oldest first; country staff's only of their countries."""
    evidence = (
        Evidence.objects.visible_to(user)
        .verified()
        .not_confidential()
        .of_strategy(strategy)
        .as_of(as_of)
    )
    roles = roles_of(user)
    if not roles.is_manager:
        evidence = evidence.filter(country_id__in=roles.country_ids)
    return evidence.order_by("date", "pk")


def _full_name(prefix):
    return Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name", output_field=CharField())


def _with_verification(evidence):
    """Each item with whether it qualifies, its author's name, and when and by whom it was
    last verified, all read in the same query."""
    last_verified = Transition.objects.filter(
        evidence=OuterRef("pk"), to_status=Evidence.Status.VERIFIED
    ).order_by("-at", "-pk")
    return rollup.with_qualifies(evidence).annotate(
        author_name=_full_name("author__"),
        verified_at=Subquery(last_verified.values("at")[:1]),
        verified_by=Subquery(last_verified.annotate(name=_full_name("actor__")).values("name")[:1]),
    )


def _date_and_pk(row):
    pk, day, *_rest = row
    return day, pk


def _evidence_rows(evidence):
    levels = {value: str(label) for value, label in Evidence.Level.choices}
    kinds = {value: str(label) for value, label in Evidence.Kind.choices}
    ratings = {value: str(label) for value, label in Evidence.Rating.choices}
    answer = {True: _("Yes"), False: _("No")}
    link = (settings.SITE_URL + reverse("evidence:detail", args=[0]).replace("/0/", "/{}/")).format
    country_name = functools.cache(country_names.name)  # ten countries, thousands of rows
    rows = _with_verification(evidence).values_list(*EVIDENCE_FIELDS)
    for row in paging.in_keyset_chunks(rows, OLDEST_FIRST, key=_date_and_pk, size=CHUNK_SIZE):
        pk, day, code, objective, objective_title, number, title, description, *rest = row
        level, kind, rating, qualifies, url, citation, *rest = rest
        *principles, author, username, verified_at, verified_by = rest
        yield [
            pk,
            day,
            country_name(code),
            code,
            f"{objective}. {objective_title}",
            f"{objective}.{number}",
            title,
            description,
            levels[level],
            kinds[kind],
            ratings[rating],
            answer[qualifies],
            url,
            citation,
            *[answer[met] for met in principles],
            author.strip() or username,
            verified_at,
            (verified_by or "").strip(),
            link(pk),
        ]


def evidence_table(user, strategy, as_of):
    return Table(
        title=_("Evidence: %(strategy)s") % {"strategy": strategy},
        notes=[
            _as_of_note(as_of),
            _("Confidential evidence is never exported."),
            _qualifies_note(),
        ],
        columns=[
            Column(_("ID"), width=8),
            Column(_("Date"), width=12, number_format=DATE),
            Column(_("Country"), width=16),
            Column(_("ISO code"), width=8),
            Column(_("Objective"), width=28, wrap=True),
            Column(_("Sub-objective"), width=10),
            Column(_("Title"), width=40, wrap=True),
            Column(_("Description"), width=60, wrap=True),
            Column(_("Level of change"), width=16),
            Column(_("Kind of change"), width=22, wrap=True),
            Column(_("Progress rating"), width=16),
            Column(_("Counts towards the headline"), width=14, wrap=True),
            Column(_("Source link"), width=30),
            Column(_("Source citation"), width=30, wrap=True),
            *(Column(str(label), width=12) for _name, label in Evidence.BOND_PRINCIPLES),
            Column(_("Author"), width=20),
            Column(_("Verified on"), width=17, number_format=DATETIME),
            Column(_("Verified by"), width=20),
            Column(_("Link"), width=40),
        ],
        rows=_evidence_rows(exportable_evidence(user, strategy, as_of)),
    )
