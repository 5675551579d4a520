"""The roll-up as the API gives it: the figures of `progress.rollup.build_dashboard`,
written out as JSON-ready data. Nothing is worked out here that the roll-up module does
not already say; the one list added is the evidence behind each country's headline
figure (the items that made it count, on its since-date), limited to what the reader may
see, as every list behind a figure is."""

from evidence.models import Evidence
from progress import rollup


def _status(status):
    return None if status is None else int(status)


def _label(status):
    return None if status is None else str(Evidence.Rating(status).label)


def _distribution(distribution):
    return [
        {"status": _status(status), "status_label": _label(status), "cells": count}
        for status, count in distribution.rows()
    ]


def _headline(dashboard, user):
    qualifying = rollup.items_that_made_countries_count(
        Evidence.objects.visible_to(user),
        dashboard.significant_since,
        sub_objectives=dashboard.sub_objectives,
    )
    return {
        "countries": dashboard.headline,
        "target": dashboard.target,
        "significant_change": [
            {
                "country": country.code.code,
                "since": dashboard.significant_since[country.pk],
                "qualifying_evidence": qualifying.get(country.pk, []),
            }
            for country in dashboard.significant_countries
        ],
        "by_year": [
            {"year": year, "countries": count} for year, count in dashboard.headline_by_year
        ],
    }


def _cells(dashboard):
    return [
        {
            "country": country.code.code,
            "sub_objective": sub.code,
            "status": _status(status),
            "status_label": _label(status),
            "counts_for_headline": significant,
        }
        for country, significant, cells in dashboard.matrix()
        for sub, status in cells
    ]


def _evidence_over_time(dashboard):
    objective_numbers = {objective.pk: objective.number for objective in dashboard.objectives}
    return {
        "by_objective": [
            {"year": year, "objective": objective_numbers[objective_id], "items": count}
            for (year, objective_id), count in sorted(dashboard.evidence_by_year_objective.items())
        ],
        "by_level": [
            {"year": year, "level": level, "items": count}
            for (year, level), count in sorted(dashboard.evidence_by_year_level.items())
        ],
    }


def rollup_data(dashboard, user):
    """The whole read-out of one strategy as of one date."""
    return {
        "strategy": dashboard.strategy.slug,
        "as_of": dashboard.as_of,
        "headline": _headline(dashboard, user),
        "cells": _cells(dashboard),
        "progress": {
            "by_objective": [
                {
                    "objective": objective.number,
                    "statuses": _distribution(dashboard.by_objective[objective.pk]),
                }
                for objective in dashboard.objectives
            ],
            "by_sub_objective": [
                {
                    "sub_objective": sub.code,
                    "statuses": _distribution(dashboard.by_sub_objective[sub.pk]),
                }
                for sub in dashboard.sub_objectives
            ],
        },
        "evidence_over_time": _evidence_over_time(dashboard),
        "coverage": {
            "cells": dashboard.cell_count,
            "cells_with_evidence": len(dashboard.cells),
            "share": round(dashboard.coverage, 4),
        },
        "verified_items": dashboard.verified_count,
        "awaiting_verification": dashboard.awaiting_verification,
    }
