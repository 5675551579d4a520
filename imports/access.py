"""Who may see an import: the person who made it, no one else (it lists their drafts)."""

from django.shortcuts import get_object_or_404

from core.access import has_assigned_countries, require

from .models import Batch


def require_importer(user):
    """Imports are for country staff with countries to log evidence for."""
    require(has_assigned_countries(user))


def batch_for(user, pk):
    """The batch `pk` if it is `user`'s own; 404 otherwise."""
    return get_object_or_404(Batch.objects.of(user).select_related("strategy", "user"), pk=pk)
