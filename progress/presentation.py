"""How the roll-up's figures are drawn: status symbols and labels, and the geometry of
the server-rendered SVG charts. No roll-up rule lives here (see rollup.py): these
functions only scale figures the roll-up has already computed.

Charts are inline SVG sized by attributes (x, y, width, height), never by style
attributes, so they pass a strict Content-Security-Policy, need no script and print.
"""

from dataclasses import dataclass

from evidence import ratings
from evidence.models import Evidence

from .rollup import STATUSES


@dataclass(frozen=True)
class StatusDisplay:
    status: int | None
    symbol: str
    label: str

    @property
    def css(self):
        return "rating-none" if self.status is None else f"rating-{self.status}"

    @property
    def fill(self):
        return "fill-none" if self.status is None else f"fill-{self.status}"


def displays():
    """{status: StatusDisplay} with labels translated once for the page, not once for
    each of the matrix's cells."""
    return {
        status: StatusDisplay(status, ratings.symbol(status), str(ratings.label(status)))
        for status in STATUSES
    }


def legend(shown):
    """Statuses from the best down, as legends read."""
    return [shown[status] for status in reversed(STATUSES)]


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    count: int
    css: str
    label: str
    symbol: str = ""


def _stack(parts, total, scale=100):
    """Segments side by side across `scale` units, each as wide as its share of `total`;
    empty parts are left out."""
    segments, x = [], 0.0
    for count, css, label, *symbol in parts:
        if not count:
            continue  # nothing to draw or to list
        width = round(scale * count / total, 3)
        segments.append(Segment(round(x, 3), width, count, css, label, *symbol))
        x += width
    return segments


def distribution_bar(distribution, shown):
    """A stacked bar of a roll-up Distribution, best status first."""
    parts = [(distribution.counts[d.status], d.fill, d.label, d.symbol) for d in legend(shown)]
    return _stack(parts, distribution.total)


@dataclass(frozen=True)
class Column:
    year: int
    value: int | None
    x: float
    center: float
    y: float
    height: float
    label_y: float


# Geometry of the headline chart, in SVG user units (the chart scales to its box).
HEADLINE_WIDTH, HEADLINE_HEIGHT, HEADLINE_TOP, HEADLINE_BOTTOM = 320, 150, 18, 22
COLUMN_WIDTH = 30


def headline_columns(dashboard):
    """One column per year of the strategy: countries with significant change at the
    year end, out of the target; years after the as-of date have no value."""
    values = dict(dashboard.headline_by_year)
    years = dashboard.strategy.years
    ceiling = max([dashboard.target, *values.values()])
    plot = HEADLINE_HEIGHT - HEADLINE_TOP - HEADLINE_BOTTOM
    step = HEADLINE_WIDTH / len(years)
    columns = []
    for i, year in enumerate(years):
        value = values.get(year)
        height = round(plot * (value or 0) / ceiling, 2)
        y = HEADLINE_TOP + plot - height
        columns.append(
            Column(
                year=year,
                value=value,
                x=round(i * step + (step - COLUMN_WIDTH) / 2, 2),
                center=round(i * step + step / 2, 2),
                y=round(y, 2),
                height=height,
                label_y=round(y - 4, 2),
            )
        )
    return {
        "columns": columns,
        "width": HEADLINE_WIDTH,
        "height": HEADLINE_HEIGHT,
        "column_width": COLUMN_WIDTH,
        "baseline": HEADLINE_HEIGHT - HEADLINE_BOTTOM,
        "year_y": HEADLINE_HEIGHT - 6,
        "target_y": round(HEADLINE_TOP + plot - plot * dashboard.target / ceiling, 2),
        "target_label_y": round(HEADLINE_TOP + plot - plot * dashboard.target / ceiling - 4, 2),
    }


def _series_rows(dashboard, counts, keys, labels, css_prefix):
    """Rows of a per-year table with a stacked bar each, scaled to the busiest year."""
    years = sorted(
        {year for year in dashboard.strategy.years if year <= dashboard.as_of.year}
        | {year for year, _ in counts}
    )
    totals = {year: sum(counts.get((year, key), 0) for key in keys) for year in years}
    busiest = max(totals.values(), default=0)
    rows = []
    for year in years:
        parts = [
            (counts.get((year, key), 0), f"{css_prefix}-{i}", labels[key])
            for i, key in enumerate(keys, start=1)
        ]
        rows.append(
            {
                "year": year,
                "counts": [count for count, _, _ in parts],
                "total": totals[year],
                "segments": _stack(parts, busiest) if busiest else [],
            }
        )
    return rows


def evidence_by_objective(dashboard):
    keys = [objective.pk for objective in dashboard.objectives]
    labels = {objective.pk: str(objective) for objective in dashboard.objectives}
    return _series_rows(dashboard, dashboard.evidence_by_year_objective, keys, labels, "series")


def evidence_by_level(dashboard):
    keys = Evidence.Level.values
    labels = dict(Evidence.Level.choices)
    return _series_rows(dashboard, dashboard.evidence_by_year_level, keys, labels, "series")
