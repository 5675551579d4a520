"""What people type in a cell, turned into what the evidence form expects: forgiving about
form (spaces, case, accents, either language, real spreadsheet dates or text), strict about
meaning (an ambiguous or impossible date is an error, never a guess)."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .columns import normalise


class CellError(Exception):
    """A cell's value cannot mean anything: the message says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def text(value):
    """A cell as text: surrounding spaces trimmed, whole numbers without their '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")


def _impossible(typed):
    return CellError(
        _(
            "“%(typed)s” is not a date: write it as day/month/year (01/03/2019) or "
            "year-month-day (2019-03-01)."
        )
        % {"typed": typed}
    )


def date(value):
    """A date from a date cell, `2019-03-01` or `01/03/2019` (day first); None if empty."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise CellError(
            _("%(typed)s is a number, not a date: format the cell as a date or write 01/03/2019.")
            % {"typed": text(value)}
        )
    typed = text(value)
    if not typed:
        return None
    iso, day_first = ISO_DATE.match(typed), DAY_FIRST.match(typed)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif day_first:
        day, month, year_text = day_first.groups()
        if len(year_text) != 4:
            raise CellError(
                _("“%(typed)s” is ambiguous: write the year in full (01/03/2019).")
                % {"typed": typed}
            )
        day, month, year = int(day), int(month), int(year_text)
    else:
        raise _impossible(typed)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _impossible(typed) from None


YES = {"yes", "y", "oui", "o", "true", "vrai", "x", "1"}
NO = {"no", "n", "non", "false", "faux", "0", ""}


def yes_no(value):
    """True or False from yes/no in either language (an empty cell is no)."""
    typed = normalise(text(value))
    if typed in YES:
        return True
    if typed in NO:
        return False
    raise CellError(_("Write yes or no (oui or non), or leave it empty for no."))


def choice_names(choices):
    """{normalised value or label, in English or French: stored value} for `choices`."""
    names = {}
    for stored, label in choices:
        names[normalise(str(stored))] = str(stored)
        for language in ("en", "fr"):
            with translation.override(language):
                names.setdefault(normalise(str(label)), str(stored))
    return names


def choice(value, names):
    """The stored value of a choice typed as its value or its label (`choice_names`); the
    text as typed when it matches none (the form then says what is allowed)."""
    typed = text(value)
    return names.get(normalise(typed), typed)


SUB_OBJECTIVE_CODE = re.compile(r"^\s*(\d+)\s*\.\s*(\d+)")


def sub_objective_code(value):
    """`1.2` from `1.2`, `1.2 Laws and policies…` or the number 1.2."""
    match = SUB_OBJECTIVE_CODE.match(text(value))
    return f"{int(match[1])}.{int(match[2])}" if match else None


def cell_error_message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)
