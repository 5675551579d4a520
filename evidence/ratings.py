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
