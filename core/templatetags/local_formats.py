"""Filters every template has without loading them (settings TEMPLATES `builtins`): the
one date, time and file-size format of the reader's language (`core.dates`)."""

from django import template

from core import dates

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
register.filter("file_size", dates.file_size)
