"""Who may read which country's pages."""

from django.http import Http404

from core.access import require_role

from .models import Country


def country_for(user, code):
    """A country is readable by anyone with a role; 404 for unknown codes."""
    require_role(user)
    # Not a two-letter code (a NUL byte, say, which PostgreSQL refuses): no such country.
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    try:
        return Country.objects.get(code=code.upper())
    except Country.DoesNotExist:
        raise Http404 from None
