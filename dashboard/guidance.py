"""The guidance page: what each choice on the evidence and review forms means, and what
counts towards the headline, in the reader's language. The definitions sit here, beside
the choices they explain, so the page follows the data (levels, kinds, topic areas)."""

from django.utils.translation import gettext_lazy as _

from evidence import ratings
from evidence.models import Evidence
from resilience.models import Score, TopicArea

LEVELS = {
    Evidence.Level.LOCAL: _("In a community, a district or a partner's programme area."),
    Evidence.Level.NATIONAL: _(
        "Across the country: its government, parliament, courts or national institutions."
    ),
    Evidence.Level.REGIONAL: _(
        "Across several countries of a region, through regional bodies and agreements."
    ),
    Evidence.Level.INTERNATIONAL: _(
        "Worldwide: the United Nations, the ILO, international standards, global businesses."
    ),
}

BOND_PRINCIPLES = {
    "voice_and_inclusion": _(
        "The views of people affected by slavery, the most excluded included, are in the "
        "evidence, and they took part in gathering it."
    ),
    "appropriateness": _("The way the evidence was gathered suits what it is meant to show."),
    "triangulation": _("The conclusion is drawn from several methods, sources and points of view."),
    "contribution": _(
        "The evidence shows how the change happened: what our work and our partners' "
        "contributed, and what else did."
    ),
    "transparency": _(
        "Sources, methods and limits are stated, so that someone else can check them."
    ),
}

SCORES = {
    Score.Value.SERIOUS_GAP: _("A serious weakness that leaves people exposed to slavery."),
    Score.Value.GAP: _("A weakness that needs work."),
    Score.Value.MIXED: _("Strengths and weaknesses in about equal measure."),
    Score.Value.ASSET: _("A strength the place can build on."),
    Score.Value.STRONG_ASSET: _("A marked strength that protects people from slavery."),
}


def guidance_page():
    significant = set(Evidence.SIGNIFICANT_KINDS)
    return {
        "ratings": [
            (value, ratings.symbol(value), label, ratings.DEFINITIONS[value])
            for value, label in Evidence.Rating.choices
        ],
        "levels": [(label, LEVELS[value]) for value, label in Evidence.Level.choices],
        "kinds": [(label, value in significant) for value, label in Evidence.Kind.choices],
        "principles": [(label, BOND_PRINCIPLES[name]) for name, label in Evidence.BOND_PRINCIPLES],
        "topic_areas": TopicArea.objects.order_by("order", "pk"),
        "scores": [
            (value, Score.SYMBOLS[value], label, SCORES[value])
            for value, label in Score.Value.choices
        ],
    }
