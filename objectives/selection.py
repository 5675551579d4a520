"""Which strategy a page shows: the one named in the query string, else the current one."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Strategy


def strategy_from(request):
    """`?strategy=<slug>`, else the current strategy; 404 for a slug that names none.
    Strategies are not protected data: every signed-in page may name any of them."""
    slug = request.GET.get("strategy")
    if slug:
        try:
            validate_slug(slug)  # anything else (a NUL byte, say) names no strategy
        except ValidationError:
            raise Http404 from None
        return get_object_or_404(Strategy, slug=slug)
    strategy = Strategy.objects.current()
    if strategy is None:
        raise Http404(_("No strategy has been loaded yet."))
    return strategy
