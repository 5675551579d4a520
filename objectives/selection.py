"""Which strategy a page shows: the one named in the query string, else the default one an
admin chose; and the switcher that names the others."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Strategy


def shown_strategy(request):
    """`?strategy=<slug>`, else the default strategy, else None when none is loaded; 404
    for a slug that names none. Strategies are not protected data: every signed-in page
    may name any of them."""
    slug = request.GET.get("strategy")
    if slug:
        try:
            validate_slug(slug)  # anything else (a NUL byte, say) names no strategy
        except ValidationError:
            raise Http404 from None
        return get_object_or_404(Strategy, slug=slug)
    return Strategy.objects.default()


def strategy_from(request):
    """The strategy a page shows (`shown_strategy`); 404 while none is loaded."""
    strategy = shown_strategy(request)
    if strategy is None:
        raise Http404(_("No strategy has been loaded yet."))
    return strategy


@dataclass(frozen=True)
class StrategyLink:
    strategy: Strategy
    shown: bool
    open_for_evidence: bool


def switcher(shown, today):
    """The strategy switcher of a page showing `shown`: every strategy, newest first, as
    links (the default and those open for evidence marked), or none while there is only
    one. Strategies are few and organisation-wide: every reader may follow each of them."""
    strategies = list(Strategy.objects.all())
    if len(strategies) < 2:
        return []
    return [
        StrategyLink(
            strategy=strategy,
            shown=shown is not None and strategy.pk == shown.pk,
            open_for_evidence=strategy.is_open_for_evidence(today),
        )
        for strategy in strategies
    ]
