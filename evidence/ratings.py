"""How a progress rating is shown, and a cell with no verified evidence yet: one symbol
and one label each, for templates, charts and exports alike. A rating is never told by
colour alone."""

from django.utils.translation import gettext_lazy as _

from .models import Evidence

# None: no evidence yet (not "no change").
SYMBOLS = {None: "–", 0: "○", 1: "◔", 2: "◑", 3: "●"}


def symbol(status):
    return SYMBOLS[status]


def label(status):
    return _("No evidence yet") if status is None else Evidence.Rating(status).label


# One line each, shown where a rating is chosen and on the guidance page.
DEFINITIONS = {
    Evidence.Rating.NO_CHANGE: _(
        "Nothing has changed yet, though the work towards it may have begun."
    ),
    Evidence.Rating.EARLY_SIGNS: _(
        "Intentions stated or first steps taken, but nothing in place yet."
    ),
    Evidence.Rating.SOME_PROGRESS: _(
        "Change has begun and can be shown, but it is partial or not yet in force."
    ),
    Evidence.Rating.SIGNIFICANT: _(
        "The change sought is in place: established, or effectively implemented."
    ),
}


def choices_with_definitions():
    """The rating choices, each with its one-line definition, for the evidence form."""
    return [
        (
            value,
            _("%(rating)s: %(definition)s") % {"rating": label, "definition": DEFINITIONS[value]},
        )
        for value, label in Evidence.Rating.choices
    ]
