"""Dates, times and file sizes as the reader's language writes them, in one format per
language (`core/locale_formats`): "1 Aug 2019" and "22:19" in British English, "1er août
2019" in French, "10 MB" and "10 Mo". Templates use them as filters (`core.templatetags`)."""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format, number_format
from django.utils.translation import pgettext


def _first_of_month(fmt):
    """The format with its day number written as the language writes the 1st ("1er")."""
    first = pgettext("the first day of a month, in a date", "1")
    return fmt.replace("j", "".join(f"\\{char}" for char in first))


def long_date(value, fmt="DATE_FORMAT"):
    """A date (or the local day of a moment) in the reader's language: 1er août 2019."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    pattern = get_format(fmt)
    if value.day == 1:
        pattern = _first_of_month(pattern)
    return format_date(value, pattern)


def long_datetime(value):
    """A moment in the reader's time zone and language: 1 Aug 2019, 22:19."""
    return long_date(value, "DATETIME_FORMAT")


# (bytes in one unit, its symbol); the symbols are translated: "MB" is "Mo" in French.
def _units():
    return [
        (1024**3, pgettext("file size unit", "GB")),
        (1024**2, pgettext("file size unit", "MB")),
        (1024, pgettext("file size unit", "KB")),
    ]


def file_size(size):
    """A file size as people say it: 10 MB, 2.5 MB, 800 KB (10 Mo, 2,5 Mo in French), the
    number and its unit never split across lines."""
    size = int(size or 0)
    for unit, symbol in _units():
        if size >= unit:
            amount = round(size / unit, 1)
            places = 0 if amount == int(amount) else 1
            return f"{number_format(amount, places)}\xa0{symbol}"
    bytes_unit = pgettext("file size unit", "bytes")
    return f"{size}\xa0{bytes_unit}"
