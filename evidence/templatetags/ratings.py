from django import template

from evidence import ratings

register = template.Library()


@register.filter
def rating_symbol(status):
    """The symbol of a progress rating, or of "no evidence yet" for None."""
    return ratings.symbol(status)
