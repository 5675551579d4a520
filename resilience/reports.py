"""What the place and comparison pages show, built from a fixed number of queries.

A place's history is its reviews with their scores; the comparison grid is every place's
latest review (and the one before, for the change) scored per topic area. Neither runs
a query per place, review or score.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from evidence.models import Evidence

from .models import Review, Score

VALUES = list(Score.Value)


@dataclass
class Cell:
    """One topic area in one review, with the change since the review before."""

    value: int | None
    previous: int | None = None
    note: str = ""
    evidence: list = field(default_factory=list)

    @property
    def label(self):
        return Score.Value(self.value).label if self.value is not None else None

    @property
    def symbol(self):
        return Score.SYMBOLS[self.value] if self.value is not None else "–"

    @property
    def change(self):
        """+n / -n steps on the scale since the previous review, None when not comparable."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_label(self):
        change = self.change
        if change is None:
            return _("New") if self.value is not None and self.previous is None else ""
        if change > 0:
            return _("Improved")
        if change < 0:
            return _("Worse")
        return _("No change")

    @property
    def change_symbol(self):
        change = self.change
        if change is None:
            return ""
        return "↑" if change > 0 else "↓" if change < 0 else "="


def distribution(values):
    """[(value, label, count, x, width)] of scores on the scale, as percentages of a bar."""
    counts = dict.fromkeys(VALUES, 0)
    for value in values:
        if value is not None:
            counts[value] += 1
    total = sum(counts.values())
    rows, x = [], 0.0
    for value in VALUES:
        width = 100 * counts[value] / total if total else 0
        rows.append(
            {
                "value": int(value),
                "label": value.label,
                "symbol": Score.SYMBOLS[value],
                "count": counts[value],
                "x": round(x, 2),
                "width": round(width, 2),
            }
        )
        x += width
    return {"segments": rows, "total": total}


def place_history(place, user, topic_areas):
    """A place's reviews, newest first, each with one cell per topic area (in 3 queries:
    reviews, scores, and the evidence of the scores that `user` may see)."""
    visible = Evidence.objects.visible_to(user).only("pk", "title", "date")
    reviews = list(
        Review.objects.filter(place=place)
        .select_related("stage", "recorded_by")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=Score.objects.prefetch_related(Prefetch("evidence", queryset=visible)),
            )
        )
        .order_by("-date", "-pk")
    )
    by_review = [{s.topic_area_id: s for s in review.scores.all()} for review in reviews]
    history = []
    for index, review in enumerate(reviews):
        older = by_review[index + 1] if index + 1 < len(by_review) else {}
        cells = []
        for topic in topic_areas:
            score = by_review[index].get(topic.pk)
            before = older.get(topic.pk)
            cells.append(
                Cell(
                    value=score.value if score else None,
                    previous=before.value if before else None,
                    note=score.note if score else "",
                    evidence=list(score.evidence.all()) if score else [],
                )
            )
        history.append(
            {
                "review": review,
                "cells": cells,
                "chart": distribution(c.value for c in cells),
                "is_first": index + 1 == len(reviews),
            }
        )
    return history


def comparison(places, topic_areas):
    """Rows of a places × topic areas grid from each place's latest review, with the
    change since its previous review, and per topic area the spread of latest scores.

    `places` is a Place queryset; it is read with its latest reviews annotated (one
    query), then the scores of those reviews are read in one more query.
    """
    places = list(places.with_latest_reviews().select_related("country"))
    review_ids = [
        pk for place in places for pk in (place.latest_review_id, place.previous_review_id) if pk
    ]
    values = {}
    for review_id, topic_id, value in Score.objects.filter(review_id__in=review_ids).values_list(
        "review_id", "topic_area_id", "value"
    ):
        values[review_id, topic_id] = value

    rows = []
    for place in places:
        cells = [
            Cell(
                value=values.get((place.latest_review_id, topic.pk)),
                previous=values.get((place.previous_review_id, topic.pk)),
            )
            for topic in topic_areas
        ]
        rows.append(
            {
                "place": place,
                "cells": cells,
                "chart": distribution(c.value for c in cells),
            }
        )
    # The page shows one line per topic area, named in full, and one column per place.
    columns = []
    for i, topic in enumerate(topic_areas):
        cells = [row["cells"][i] for row in rows]
        columns.append(
            {
                "topic_area": topic,
                "cells": cells,
                "chart": distribution(cell.value for cell in cells),
            }
        )
    return {"rows": rows, "columns": columns}
