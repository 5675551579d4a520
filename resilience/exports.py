"""A place's reviews and the comparison grid as tables for `core.exports` to write."""

from django.utils.translation import gettext as _

from core.exports import DATE, Column, Table

from .models import Score


def place_table(place):
    """Every score of every review of `place`, newest review first."""
    scores = (
        Score.objects.filter(review__place=place)
        .select_related("review__stage", "topic_area")
        .order_by("-review__date", "topic_area__order", "topic_area__name")
    )
    return Table(
        title=_("Reviews of %(place)s, %(country)s")
        % {"place": place.name, "country": place.country.name},
        columns=[
            Column(_("Country"), width=16),
            Column(_("Place"), width=18),
            Column(_("Review date"), width=12, number_format=DATE),
            Column(_("Stage of the cycle"), width=20, wrap=True),
            Column(_("Topic area"), width=24, wrap=True),
            Column(_("Level"), width=14),
            Column(_("Score (0–4)"), width=8),
            Column(_("Score"), width=14),
            Column(_("Note"), width=50, wrap=True),
        ],
        rows=(
            [
                place.country.name,
                place.name,
                score.review.date,
                score.review.stage.name,
                score.topic_area.name,
                score.topic_area.get_level_display(),
                score.value,
                score.get_value_display(),
                score.note,
            ]
            for score in scores
        ),
    )


def comparison_table(grid, topic_areas, country=None):
    """The comparison grid: each place's latest review, scored per topic area."""
    title = (
        _("Resilience comparison: %(country)s") % {"country": country.name}
        if country
        else _("Resilience comparison: all countries")
    )
    return Table(
        title=title,
        columns=[
            Column(_("Country"), width=16),
            Column(_("Place"), width=18),
            Column(_("Latest review"), width=12),
            Column(_("Stage of the cycle"), width=20, wrap=True),
            *(Column(topic.name, width=16, wrap=True) for topic in topic_areas),
        ],
        rows=(
            [
                row["place"].country.name,
                row["place"].name,
                row["place"].latest_review_date,
                row["place"].latest_stage_name,
                *(cell.label and str(cell.label) for cell in row["cells"]),
            ]
            for row in grid["rows"]
        ),
    )


def filename(kind, suffix=""):
    return f"resilience-{kind}{suffix}"
