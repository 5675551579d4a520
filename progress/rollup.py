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

Everything is computed by a handful of aggregate queries whose number does not depend
on how much evidence there is; no evidence row is loaded into Python. Confidential
evidence counts in these aggregates: the figures reveal no content. Lists of evidence
behind a figure are filtered for the reader by `Evidence.objects.visible_to`.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Min, Q, Window
from django.db.models.functions import ExtractYear, RowNumber

from evidence.models import Evidence
from objectives.models import SubObjective

Rating = Evidence.Rating

# Cell statuses in display order: None is "no evidence yet", then the rating scale.
STATUSES = [None, *Rating.values]


# The strategy's definition of significant change, for one evidence item (it must also
# be verified: every query below starts from verified evidence).
SIGNIFICANT_CHANGE = Q(
    rating=Rating.SIGNIFICANT,
    kind__in=Evidence.SIGNIFICANT_KINDS,
    level=Evidence.Level.NATIONAL,
)


def year_end(year):
    return datetime.date(year, 12, 31)


def default_as_of(strategy, today):
    """Today, or the strategy's last day once it has ended."""
    return min(today, year_end(strategy.last_year))


def _verified_in(countries, sub_objectives, as_of=None):
    """Verified evidence of the strategy's cells; filters on ids so the cell query needs
    no join and the roll-up index covers it."""
    evidence = Evidence.objects.verified().filter(
        country_id__in=[c.pk for c in countries],
        sub_objective_id__in=[s.pk for s in sub_objectives],
    )
    return evidence.as_of(as_of) if as_of else evidence


def cell_statuses(strategy, as_of, *, countries, sub_objectives):
    """{(country_id, sub_objective_id): highest verified rating on or before `as_of`}.
    Cells without verified evidence are absent (no evidence yet)."""
    rows = (
        _verified_in(countries, sub_objectives, as_of)
        .order_by()
        .values_list("country_id", "sub_objective_id")
        .annotate(status=Max("rating"))
    )
    return {(country_id, sub_id): status for country_id, sub_id, status in rows}


def significant_change_dates(strategy, *, countries, sub_objectives):
    """{country_id: date of its first significant change} by the strategy's definition."""
    rows = (
        _verified_in(countries, sub_objectives)
        .filter(SIGNIFICANT_CHANGE)
        .order_by()
        .values_list("country_id")
        .annotate(first=Min("date"))
    )
    return dict(rows)


def years_until(strategy, as_of):
    """The strategy's years up to the one of `as_of`: the columns of a status history."""
    return [year for year in strategy.years if year <= as_of.year]


def status_by_year(strategy, *, countries, sub_objectives, as_of=None):
    """{(country_id, sub_objective_id, year): status} for every year of the strategy up to
    `as_of` (its last day by default): the status at the end of each year, and for the
    year of `as_of` the status on that day. One grouped query and a running maximum."""
    as_of = as_of or year_end(strategy.last_year)
    rows = (
        _verified_in(countries, sub_objectives, as_of)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values_list("country_id", "sub_objective_id", "year")
        .annotate(best=Max("rating"))
    )
    best_in_year = defaultdict(dict)
    for country_id, sub_id, year, best in rows:
        # Evidence dated before the strategy began counts from its first year on.
        year = max(year, strategy.first_year)
        years = best_in_year[(country_id, sub_id)]
        years[year] = max(best, years.get(year, best))
    history = {}
    for country in countries:
        for sub in sub_objectives:
            years = best_in_year.get((country.pk, sub.pk), {})
            status = None
            for year in years_until(strategy, as_of):
                if year in years:
                    status = years[year] if status is None else max(status, years[year])
                history[(country.pk, sub.pk, year)] = status
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


def _scan(countries, sub_objectives, as_of, years):
    """The one grouped scan of verified evidence behind the dashboard: per cell and level
    (at most cells × 4 rows, however much evidence there is), the best rating, the first
    significant change and the number of items in each year.

    Years are counted with date ranges rather than by extracting the year of each row,
    which is several times slower (on SQLite it calls into Python for every row); counting
    a column of the roll-up index (rather than the primary key, which it lacks) lets the
    database answer from the index alone."""
    per_year = {
        f"n_{year}": Count(
            "rating", filter=Q(date__range=(datetime.date(year, 1, 1), year_end(year)))
        )
        for year in years
    }
    return (
        _verified_in(countries, sub_objectives, as_of)
        .order_by()
        .values_list("country_id", "sub_objective_id", "level")
        .annotate(best=Max("rating"), first_significant=Min("date", filter=SIGNIFICANT_CHANGE))
        .annotate(**per_year)
    )


@dataclass
class _Folded:
    cells: dict = field(default_factory=dict)
    significant_since: dict = field(default_factory=dict)
    by_year_objective: Counter = field(default_factory=Counter)
    by_year_level: Counter = field(default_factory=Counter)


def _fold(groups, years, sub_objectives):
    """Every per-cell and per-year figure, summed from the scan's groups."""
    objective_of = {sub.pk: sub.objective_id for sub in sub_objectives}
    folded = _Folded()
    for country_id, sub_id, level, best, first_significant, *counts in groups:
        cell = (country_id, sub_id)
        folded.cells[cell] = max(best, folded.cells.get(cell, best))
        if first_significant is not None:
            since = folded.significant_since.get(country_id, first_significant)
            folded.significant_since[country_id] = min(since, first_significant)
        for year, n in zip(years, counts, strict=True):
            if n:
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
    """Every figure of the dashboard as of a date, in four queries: the strategy's
    countries and sub-objectives, one grouped scan of verified evidence (`_scan`, folded
    into the figures by `_fold`: the database reads the evidence once instead of once per
    figure) and the count of the verification queue."""
    countries, sub_objectives = target_cells(strategy)
    years = _evidence_years(strategy, as_of)
    folded = _fold(_scan(countries, sub_objectives, as_of, years), years, sub_objectives)
    # Year by year up to the as-of date; the as-of year counts up to that date.
    headline_by_year = [
        (
            year,
            sum(1 for d in folded.significant_since.values() if d <= min(year_end(year), as_of)),
        )
        for year in years_until(strategy, as_of)
    ]
    by_sub_objective, by_objective = _distributions(folded.cells, countries, sub_objectives)
    awaiting = (
        Evidence.objects.awaiting_verification()
        .filter(
            country_id__in=[c.pk for c in countries],
            sub_objective_id__in=[s.pk for s in sub_objectives],
        )
        .count()
    )
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
        awaiting_verification=awaiting,
    )


# What counts towards the headline, made visible: which cells and which items qualify.
# The same definition as the headline's (SIGNIFICANT_CHANGE), read at the level of cells
# and items so pages can mark them and the report can cite them.


def qualifying_cells(strategy, as_of, *, countries, sub_objectives):
    """{(country_id, sub_objective_id): date of the cell's first verified item that meets
    the definition of significant change, on or before `as_of`}. A cell rated
    significant change by an item of another level or kind is absent: it does not make
    its country count. One grouped query."""
    rows = (
        _verified_in(countries, sub_objectives, as_of)
        .filter(SIGNIFICANT_CHANGE)
        .order_by()
        .values_list("country_id", "sub_objective_id")
        .annotate(first=Min("date"))
    )
    return {(country_id, sub_id): first for country_id, sub_id, first in rows}


def with_qualifies(evidence):
    """Evidence annotated with `qualifies`: whether the item, once verified, meets the
    definition of significant change (it makes its country count)."""
    return evidence.annotate(
        qualifies=ExpressionWrapper(SIGNIFICANT_CHANGE, output_field=BooleanField())
    )


def first_qualifying_items(strategy, as_of, *, countries, sub_objectives):
    """{country_id: the verified item that made the country count}: its earliest
    qualifying item on or before `as_of` (the lowest id among those of that day). One
    query, one row per country whatever the amount of evidence."""
    first = Window(
        RowNumber(), partition_by=F("country_id"), order_by=[F("date").asc(), F("pk").asc()]
    )
    items = (
        _verified_in(countries, sub_objectives, as_of)
        .filter(SIGNIFICANT_CHANGE)
        .annotate(rank_in_country=first)
        .filter(rank_in_country=1)
        .select_related("sub_objective__objective")
    )
    return {item.country_id: item for item in items}


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
        _verified_in(countries, sub_objectives, as_of)
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
        with_qualifies(_verified_in(countries, sub_objectives, as_of))
        .annotate(rank_in_cell=rank)
        .filter(rank_in_cell__lte=per_cell)
        .values_list("pk", flat=True)
    )
    return with_qualifies(Evidence.objects.filter(pk__in=list(ranked))).order_by(
        "country_id", "sub_objective_id", "-qualifies", "-rating", "-date", "-pk"
    )
