"""Colours of the report's SVG charts, as attributes (see reports.report.FILLS)."""

from django import template

from ..report import FILLS

register = template.Library()


@register.filter
def fill_colour(css):
    return FILLS[css]
