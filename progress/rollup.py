"""The roll-up rules: how verified evidence becomes progress. This is the only place
they are written down in code.

- A cell is one target country × one sub-objective. Its status as of a date is the
  highest progress rating among verified evidence dated on or before that date; a cell
  with no such evidence has no status (None: "no evidence yet", not "no change").
- A country has achieved significant change as of a date when it has verified evidence
  dated on or before it, rated significant change, of a kind that is a law, a policy or
  a practice, at national level.
- The headline is the number of target countries with significant change, out of the
  strategy's target, as of a date and at the end of each year of the strategy.
- Objective and sub-objective progress is the distribution of cell statuses across the
  target countries; coverage is the share of cells with any verified evidence.
- Evidence waiting for verification is counted apart and never counts as progress.

The figures are read from a summary of the evidence (`progress.models`): per cell, the
earliest date it reached each rating and the earliest date of a qualifying significant
change, and per cell, level and month the number of verified items. A page reads a few
rows per cell, however much evidence there is, in a fixed number of queries. The summary
is kept up to date in the transaction of every change that can move it (`refresh_cells`,
called by `progress.receivers` when evidence is saved or deleted) and can be recomputed
from scratch (`rebuild`, `manage.py rebuild_rollup`); both compute it with the same
aggregates (`_summary_aggregates`), so they cannot disagree. Confidential evidence counts
in the summary: the figures reveal no content. Lists of evidence behind a figure are
filtered for the reader by `Evidence.objects.visible_to`.
"""

import calendar
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Min, Q, Sum, Window
from django.db.models.functions import RowNumber, TruncMonth

from evidence.models import Evidence
from objectives.models import SubObjective

from .models import SUMMARISED_STATUSES, CellMonthCount, CellSummary

Rating = Evidence.Rating

# Cell statuses in display order: None is "no evidence yet", then the rating scale.
STATUSES = [None, *Rating.values]


# The strategy's definition of significant change, for one evidence item (it must also
# be verified: every figure below counts verified evidence only).
SIGNIFICANT_CHANGE = Q(
    rating=Rating.SIGNIFICANT,
    kind__in=Evidence.SIGNIFICANT_KINDS,
    level=Evidence.Level.NATIONAL,
)
VERIFIED = Q(status=Evidence.Status.VERIFIED)
BULK_BATCH = 2_000


def year_end(year):
    return datetime.date(year, 12, 31)


def default_as_of(strategy, today):
    """Today, or the strategy's last day once it has ended."""
    return min(today, year_end(strategy.last_year))


# Keeping the summary: the rules, applied to the evidence of one cell or of all of them.


def _summary_aggregates():
    """A cell's summary as aggregates over its verified and waiting evidence: the day it
    first reached each rating (its first item rated that or higher), its first qualifying
    significant change, and how many items wait for verification."""
    return {
        **{
            f"reached_{rating}": Min("date", filter=VERIFIED & Q(rating__gte=rating))
            for rating in Rating.values
        },
        "qualifying_since": Min("date", filter=VERIFIED & SIGNIFICANT_CHANGE),
        "awaiting": Count("rating", filter=Q(status=Evidence.Status.SUBMITTED)),
    }


def _month_counts(evidence):
    """Verified items per cell, level and month (counting a column of the cell index, so
    the database can answer from the index alone)."""
    return (
        evidence.verified()
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("country_id", "sub_objective_id", "level", "month")
        .annotate(verified=Count("rating"))
    )


def _summary_rows(evidence):
    """The summaries of the cells of `evidence` that have verified or waiting items."""
    rows = (
        evidence.filter(status__in=SUMMARISED_STATUSES)
        .order_by()
        .values("country_id", "sub_objective_id")
        .annotate(**_summary_aggregates())
    )
    return (CellSummary(**row) for row in rows if row["reached_0"] or row["awaiting"])


def _write(evidence):
    """Write the summary rows computed from `evidence` (their old rows deleted first)."""
    CellSummary.objects.bulk_create(_summary_rows(evidence), batch_size=BULK_BATCH)
    CellMonthCount.objects.bulk_create(
        (
            CellMonthCount(
                country_id=country_id,
                sub_objective_id=sub_id,
                level=level,
                month=month,
                verified=verified,
            )
            for country_id, sub_id, level, month, verified in _month_counts(evidence).iterator()
        ),
        batch_size=BULK_BATCH,
    )


@transaction.atomic
def refresh_cells(cells):
    """Recompute the summary of each (country_id, sub_objective_id) from its evidence: called
    in the transaction of any change to verified or waiting evidence, so the summary moves
    with the evidence or not at all. Reads only the evidence of those cells (the cell
    index)."""
    for country_id, sub_id in set(cells):
        cell = {"country_id": country_id, "sub_objective_id": sub_id}
        CellSummary.objects.filter(**cell).delete()
        CellMonthCount.objects.filter(**cell).delete()
        _write(Evidence.objects.filter(**cell))


@transaction.atomic
def rebuild():
    """Recompute the whole summary from the evidence (after a restore or a bulk load).
    Returns the number of cells summarised."""
    CellSummary.objects.all().delete()
    CellMonthCount.objects.all().delete()
    _write(Evidence.objects.all())
    return CellSummary.objects.count()


def summary_snapshot():
    """The whole summary as plain data, to compare two states of it."""
    return (
        set(CellSummary.objects.values_list(*_SUMMARY_FIELDS)),
        set(
            CellMonthCount.objects.values_list(
                "country_id", "sub_objective_id", "level", "month", "verified"
            )
        ),
    )


_SUMMARY_FIELDS = ("country_id", "sub_objective_id", *_summary_aggregates())


# Reading it.


def _summaries(countries, sub_objectives):
    """The summary rows of these cells: one query, a row per cell at most."""
    return CellSummary.objects.filter(
        country_id__in=[c.pk for c in countries],
        sub_objective_id__in=[s.pk for s in sub_objectives],
    )


def status_on(summary, date):
    """A cell's status on `date`: the highest rating it had reached by then, or None."""
    status = None
    for rating, since in summary.reached().items():
        # Ratings come lowest first, each reached no earlier than the one below it.
        if since <= date:
            status = rating
    return status


def _statuses(summaries, as_of):
    cells = {}
    for summary in summaries:
        status = status_on(summary, as_of)
        if status is not None:
            cells[(summary.country_id, summary.sub_objective_id)] = status
    return cells


def cell_statuses(strategy, as_of, *, countries, sub_objectives):
    """{(country_id, sub_objective_id): highest verified rating on or before `as_of`}.
    Cells without verified evidence are absent (no evidence yet)."""
    return _statuses(_summaries(countries, sub_objectives), as_of)


def _first_significant(summaries, as_of=None):
    """{country_id: date of its first significant change (on or before `as_of`)}."""
    since = {}
    for summary in summaries:
        first = summary.qualifying_since
        if first is None or (as_of and first > as_of):
            continue
        since[summary.country_id] = min(first, since.get(summary.country_id, first))
    return since


def years_until(strategy, as_of):
    """The strategy's years up to the one of `as_of`: the columns of a status history."""
    return [year for year in strategy.years if year <= as_of.year]


def status_by_year(strategy, *, countries, sub_objectives, as_of=None):
    """{(country_id, sub_objective_id, year): status} for every year of the strategy up to
    `as_of` (its last day by default): the status at the end of each year, and for the
    year of `as_of` the status on that day. Evidence dated before the strategy began
    counts from its first year on."""
    as_of = as_of or year_end(strategy.last_year)
    summaries = {
        (s.country_id, s.sub_objective_id): s for s in _summaries(countries, sub_objectives)
    }
    history = {}
    for country in countries:
        for sub in sub_objectives:
            summary = summaries.get((country.pk, sub.pk))
            for year in years_until(strategy, as_of):
                day = min(year_end(year), as_of)
                history[(country.pk, sub.pk, year)] = summary and status_on(summary, day)
    return history


@dataclass
class Distribution:
    """How many cells have each status; `counts[None]` is "no evidence yet"."""

    counts: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def with_evidence(self):
        return self.total - self.counts[None]

    def rows(self):
        return [(status, self.counts[status]) for status in STATUSES]

    def add(self, status):
        self.counts[status] += 1


@dataclass
class Dashboard:
    strategy: object
    as_of: datetime.date
    countries: list
    objectives: list
    sub_objectives: list
    cells: dict
    significant_since: dict
    headline_by_year: list
    by_sub_objective: dict
    by_objective: dict
    evidence_by_year_objective: dict
    evidence_by_year_level: dict
    awaiting_verification: int

    @property
    def significant_countries(self):
        return [c for c in self.countries if self.has_significant_change(c)]

    @property
    def headline(self):
        return len(self.significant_countries)

    @property
    def target(self):
        return self.strategy.target_country_count

    def has_significant_change(self, country):
        since = self.significant_since.get(country.pk)
        return since is not None and since <= self.as_of

    @property
    def verified_count(self):
        """Verified evidence of the target cells dated on or before the as-of date."""
        return sum(self.evidence_by_year_level.values())

    @property
    def cell_count(self):
        return len(self.countries) * len(self.sub_objectives)

    @property
    def coverage(self):
        """Share of cells with any verified evidence, 0–1."""
        return len(self.cells) / self.cell_count if self.cell_count else 0

    def status(self, country, sub_objective):
        return self.cells.get((country.pk, sub_objective.pk))

    def matrix(self):
        """[(country, significant?, [(sub_objective, status), …]), …] for templates."""
        return [
            (
                country,
                self.has_significant_change(country),
                [(sub, self.status(country, sub)) for sub in self.sub_objectives],
            )
            for country in self.countries
        ]


def target_cells(strategy):
    """The strategy's target countries and sub-objectives, ordered (two queries)."""
    countries = sorted(strategy.target_countries.all(), key=lambda c: str(c.name))
    sub_objectives = list(SubObjective.objects.of_strategy(strategy).select_related("objective"))
    return countries, sub_objectives


def _evidence_years(strategy, as_of):
    """The years evidence of the strategy can be dated in, up to the as-of date (evidence
    may be dated a little outside the strategy's period: DATE_MARGIN_YEARS)."""
    margin = Evidence.DATE_MARGIN_YEARS
    return range(strategy.first_year - margin, min(strategy.last_year + margin, as_of.year) + 1)


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _counts(countries, sub_objectives, as_of, years):
    """Verified items per (sub-objective, level, year), dated in `years` and on or before
    `as_of`: summed from the month counts, in one query; when `as_of` falls within a month,
    that month's items up to it are counted from the evidence (one more query, over one
    month of it)."""
    if not years:  # a date before any evidence can be dated
        return Counter()
    first_day = datetime.date(years[0], 1, 1)
    month = as_of.replace(day=1)
    whole_month = as_of == _month_end(as_of)
    cells = {
        "country_id__in": [c.pk for c in countries],
        "sub_objective_id__in": [s.pk for s in sub_objectives],
    }
    counted = CellMonthCount.objects.filter(**cells, month__gte=first_day, month__lte=as_of)
    if not whole_month:
        counted = counted.exclude(month=month)
    rows = list(
        counted.order_by()
        .values_list("sub_objective_id", "level", "month")
        .annotate(n=Sum("verified"))
    )
    if not whole_month:
        rows += (
            Evidence.objects.verified()
            .filter(**cells, date__range=(month, as_of))
            .order_by()
            .values_list("sub_objective_id", "level")
            .annotate(month=Min("date"), n=Count("rating"))
        )
    counts = Counter()
    for sub_id, level, month_of_row, n in rows:
        counts[(sub_id, level, month_of_row.year)] += n
    return counts


@dataclass
class _Folded:
    cells: dict = field(default_factory=dict)
    significant_since: dict = field(default_factory=dict)
    by_year_objective: Counter = field(default_factory=Counter)
    by_year_level: Counter = field(default_factory=Counter)
    awaiting: int = 0


def _fold(countries, sub_objectives, as_of, years):
    """Every per-cell and per-year figure of the dashboard, from the summary."""
    summaries = list(_summaries(countries, sub_objectives))
    folded = _Folded(
        cells=_statuses(summaries, as_of),
        significant_since=_first_significant(summaries, as_of),
        awaiting=sum(summary.awaiting for summary in summaries),
    )
    objective_of = {sub.pk: sub.objective_id for sub in sub_objectives}
    for (sub_id, level, year), n in _counts(countries, sub_objectives, as_of, years).items():
        folded.by_year_objective[(year, objective_of[sub_id])] += n
        folded.by_year_level[(year, level)] += n
    return folded


def _distributions(cells, countries, sub_objectives):
    """Distributions of cell statuses per sub-objective and per objective."""
    by_sub_objective = defaultdict(Distribution)
    by_objective = defaultdict(Distribution)
    for sub in sub_objectives:
        for country in countries:
            status = cells.get((country.pk, sub.pk))
            by_sub_objective[sub.pk].add(status)
            by_objective[sub.objective_id].add(status)
    return dict(by_sub_objective), dict(by_objective)


def _objectives_of(sub_objectives):
    objectives = []
    for sub in sub_objectives:
        if not objectives or objectives[-1] != sub.objective:
            objectives.append(sub.objective)
    return objectives


def build_dashboard(strategy, as_of):
    """Every figure of the dashboard as of a date, in four queries (five when the date
    falls within a month): the strategy's countries and sub-objectives, the summary rows
    of its cells, and the month counts (`_fold`). None reads more than a few rows per cell,
    however much evidence there is."""
    countries, sub_objectives = target_cells(strategy)
    years = _evidence_years(strategy, as_of)
    folded = _fold(countries, sub_objectives, as_of, list(years))
    # Year by year up to the as-of date; the as-of year counts up to that date.
    headline_by_year = [
        (
            year,
            sum(1 for d in folded.significant_since.values() if d <= min(year_end(year), as_of)),
        )
        for year in years_until(strategy, as_of)
    ]
    by_sub_objective, by_objective = _distributions(folded.cells, countries, sub_objectives)
    return Dashboard(
        strategy=strategy,
        as_of=as_of,
        countries=countries,
        objectives=_objectives_of(sub_objectives),
        sub_objectives=sub_objectives,
        cells=folded.cells,
        significant_since=folded.significant_since,
        headline_by_year=headline_by_year,
        by_sub_objective=by_sub_objective,
        by_objective=by_objective,
        evidence_by_year_objective=dict(folded.by_year_objective),
        evidence_by_year_level=dict(folded.by_year_level),
        awaiting_verification=folded.awaiting,
    )


# What counts towards the headline, made visible: which cells and which items qualify.
# The same definition as the headline's (SIGNIFICANT_CHANGE), read at the level of cells
# and items so pages can mark them and the report can cite them.


def _verified_of_cells(countries, sub_objectives, as_of):
    """Verified evidence of the given cells dated on or before `as_of`, filtered on ids so
    the roll-up index covers the query: what the functions below read item by item."""
    return (
        Evidence.objects.verified()
        .filter(
            country_id__in=[c.pk for c in countries],
            sub_objective_id__in=[s.pk for s in sub_objectives],
        )
        .as_of(as_of)
    )


def qualifying_cells(strategy, as_of, *, countries, sub_objectives):
    """{(country_id, sub_objective_id): date of the cell's first verified item that meets
    the definition of significant change, on or before `as_of`}. A cell rated
    significant change by an item of another level or kind is absent: it does not make
    its country count. Read from the summary: one row per cell whatever the evidence."""
    rows = CellSummary.objects.filter(
        country_id__in=[c.pk for c in countries],
        sub_objective_id__in=[s.pk for s in sub_objectives],
        qualifying_since__lte=as_of,
    ).values_list("country_id", "sub_objective_id", "qualifying_since")
    return {(country_id, sub_id): first for country_id, sub_id, first in rows}


def with_qualifies(evidence):
    """Evidence annotated with `qualifies`: whether the item, once verified, meets the
    definition of significant change (it makes its country count)."""
    return evidence.annotate(
        qualifies=ExpressionWrapper(SIGNIFICANT_CHANGE, output_field=BooleanField())
    )


def _since_by_country(qualifying):
    """{country_id: its first qualifying date} from `qualifying_cells`."""
    since = {}
    for (country_id, _sub_id), first in qualifying.items():
        since[country_id] = min(first, since.get(country_id, first))
    return since


def _on_since_dates(evidence, since_by_country, sub_objectives):
    """The verified items of `evidence` meeting the definition of significant change dated
    on their country's since-date: a few index reads whatever the amount of evidence."""
    days = Q()
    for country_id, since in since_by_country.items():
        days |= Q(country_id=country_id, date=since)
    if not days:
        return evidence.none()
    return (
        evidence.verified()
        .filter(days, SIGNIFICANT_CHANGE)
        .filter(sub_objective_id__in=[s.pk for s in sub_objectives])
        .order_by("pk")
    )


def first_qualifying_items(strategy, as_of, *, countries, sub_objectives, qualifying=None):
    """{country_id: the verified item that made the country count}: its earliest
    qualifying item on or before `as_of` (the lowest id among those of that day). The
    since-dates come from the summary (or `qualifying`, the `qualifying_cells` of the same
    cells when the caller has them), the items from those days alone: two queries at most,
    whatever the amount of evidence."""
    if qualifying is None:
        qualifying = qualifying_cells(
            strategy, as_of, countries=countries, sub_objectives=sub_objectives
        )
    items = _on_since_dates(
        Evidence.objects.all(), _since_by_country(qualifying), sub_objectives
    ).select_related("sub_objective__objective")
    first = {}
    for item in items:
        first.setdefault(item.country_id, item)
    return first


def items_that_made_countries_count(evidence, since_by_country, *, sub_objectives):
    """{country_id: [ids]} of the items of `evidence` (a queryset, already limited to what
    its reader may see) that made each country count: verified, meeting the definition of
    significant change, dated on the country's since-date."""
    ids = defaultdict(list)
    rows = _on_since_dates(evidence, since_by_country, sub_objectives).values_list(
        "country_id", "pk"
    )
    for country_id, pk in rows:
        ids[country_id].append(pk)
    return dict(ids)


@dataclass(frozen=True)
class CountryCount:
    """Why a target country counts towards the headline as of a date, or why not."""

    country: object
    since: datetime.date | None
    first_item: object
    qualifying: int
    rated_significant: int

    @property
    def counts(self):
        return self.since is not None


def headline_evidence(strategy, as_of):
    """Every target country with whether it counts as of `as_of`, since when, the item that
    made it count, its number of qualifying items and of items rated significant change
    (of any level or kind, which alone do not count). Four queries."""
    countries, sub_objectives = target_cells(strategy)
    rows = (
        _verified_of_cells(countries, sub_objectives, as_of)
        .filter(rating=Rating.SIGNIFICANT)
        .order_by()
        .values_list("country_id")
        .annotate(
            rated=Count("pk"),
            qualifying=Count("pk", filter=SIGNIFICANT_CHANGE),
            since=Min("date", filter=SIGNIFICANT_CHANGE),
        )
    )
    figures = {
        country_id: (rated, qualifying, since) for country_id, rated, qualifying, since in rows
    }
    first = first_qualifying_items(
        strategy, as_of, countries=countries, sub_objectives=sub_objectives
    )
    result = []
    for country in countries:
        rated, qualifying, since = figures.get(country.pk, (0, 0, None))
        result.append(CountryCount(country, since, first.get(country.pk), qualifying, rated))
    return result


def cited_evidence(strategy, as_of, *, countries, sub_objectives, per_cell):
    """The verified evidence a report cites for each cell on or before `as_of`: at most
    `per_cell` items per cell, those that qualify first, then the most significant, then
    the newest. Confidential items are included (annotated `qualifies`): the caller
    leaves them out of what it shows and says how many it left out. The database ranks
    the items on the roll-up index's columns alone (one query returning at most cells ×
    `per_cell` ids), then the cited items are read whole (a second query)."""
    rank = Window(
        RowNumber(),
        partition_by=[F("country_id"), F("sub_objective_id")],
        order_by=[F("qualifies").desc(), F("rating").desc(), F("date").desc(), F("pk").desc()],
    )
    ranked = (
        with_qualifies(_verified_of_cells(countries, sub_objectives, as_of))
        .annotate(rank_in_cell=rank)
        .filter(rank_in_cell__lte=per_cell)
        .values_list("pk", flat=True)
    )
    return with_qualifies(Evidence.objects.filter(pk__in=list(ranked))).order_by(
        "country_id", "sub_objective_id", "-qualifies", "-rating", "-date", "-pk"
    )
