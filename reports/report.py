"""What the report holds: a strategy's progress as of a date, for trustees and donors.

It reads the roll-up (`progress.rollup`) for every figure, and loads only the evidence it
cites (at most `CITED_PER_CELL` items per cell, and the item that made each country
count), so its cost does not grow with the amount of evidence. Confidential evidence
counts in every figure but is never cited, titled or described: the report says how many
confidential items it leaves out.
"""

from dataclasses import dataclass, field

from dashboard import pages as dashboard_pages
from evidence.models import Evidence
from progress import presentation, rollup

from .models import Narrative

# Items cited for each country × sub-objective: those that make the country count first,
# then the most significant.
CITED_PER_CELL = 2

# The report's charts carry their colours as SVG attributes: WeasyPrint draws SVG without
# the page's stylesheet (which gives the same colours on screen, static/css/app.css).
FILLS = {
    "fill-none": "#d9dde2",
    "fill-0": "#e8b4b4",
    "fill-1": "#f5cd7a",
    "fill-2": "#7fb8e0",
    "fill-3": "#4ca564",
}


@dataclass
class CountrySection:
    country: object
    count: object  # rollup.CountryCount
    statuses: list  # [(sub_objective, StatusDisplay, qualifies since or None)]
    cited: list = field(default_factory=list)  # [(sub_objective, [Evidence])]
    narratives: list = field(default_factory=list)  # [(year, text, stand-in?)]
    hidden: set = field(default_factory=set)  # confidential items left out

    @property
    def first_item_shown(self):
        item = self.count.first_item
        return item is not None and not item.confidential


def _cited(period, dashboard):
    items = rollup.cited_evidence(
        period.strategy,
        period.as_of,
        countries=dashboard.countries,
        sub_objectives=dashboard.sub_objectives,
        per_cell=CITED_PER_CELL,
    ).select_related("sub_objective__objective")
    by_cell = {}
    for item in items:
        by_cell.setdefault((item.country_id, item.sub_objective_id), []).append(item)
    return by_cell


def _narratives(period, language):
    by_country = {}
    approved = Narrative.objects.approved().filter(
        strategy=period.strategy, year__lte=period.as_of.year
    )
    for narrative in approved.order_by("country", "year"):
        text, stand_in = narrative.text_in(language)
        by_country.setdefault(narrative.country_id, []).append((narrative.year, text, stand_in))
    return by_country


def _section(count, dashboard, shown, qualifying, cited, narratives):
    country = count.country
    section = CountrySection(
        country=country,
        count=count,
        statuses=[
            (sub, shown[dashboard.status(country, sub)], qualifying.get((country.pk, sub.pk)))
            for sub in dashboard.sub_objectives
        ],
        narratives=narratives.get(country.pk, []),
    )
    if count.first_item is not None and count.first_item.confidential:
        section.hidden.add(count.first_item.pk)
    for sub in dashboard.sub_objectives:
        items = cited.get((country.pk, sub.pk), [])
        section.hidden.update(item.pk for item in items if item.confidential)
        listed = [item for item in items if not item.confidential]
        if listed:
            section.cited.append((sub, listed))
    return section


def _appendix(sections):
    """Every item the report cites, once, by country then date."""
    seen, items = set(), []
    for section in sections:
        cited = [item for _sub, listed in section.cited for item in listed]
        if section.first_item_shown:
            cited.append(section.count.first_item)
        for item in sorted(cited, key=lambda item: (item.date, item.pk)):
            if item.pk not in seen:
                seen.add(item.pk)
                items.append((section.country, item))
    return items


def build_report(period, *, language):
    """Everything the report shows, as of the period's date, in the active language."""
    dashboard = rollup.build_dashboard(period.strategy, period.as_of)
    page = dashboard_pages.dashboard_page(dashboard, period)
    shown = presentation.displays()
    qualifying = dashboard_pages.qualifying_cells(dashboard)
    counts = rollup.headline_evidence(period.strategy, period.as_of)
    cited, narratives = _cited(period, dashboard), _narratives(period, language)
    sections = [
        _section(count, dashboard, shown, qualifying, cited, narratives) for count in counts
    ]
    return {
        **page,
        "counts": [count for count in counts if count.counts],
        "sections": sections,
        "appendix": _appendix(sections),
        "hidden_count": len(set().union(*(section.hidden for section in sections))),
        "fills": FILLS,
        "levels": dict(Evidence.Level.choices),
    }
