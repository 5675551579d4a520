"""Who may call which endpoint: the pages' rules (`core.access`), answered in JSON."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from core.access import has_role, is_manager

from .models import ApiToken


class HasRole(BasePermission):
    """Everyone with a role reads, as every page but sign-in requires."""

    message = _("Your account has no role yet: ask an admin for one.")

    def has_permission(self, request, view):
        return has_role(request.user)


class IsManager(HasRole):
    """Managers and admins read the roll-up, as only they open the dashboard."""

    message = _("Only managers and admins read the roll-up, as on the dashboard.")

    def has_permission(self, request, view):
        return is_manager(request.user)


class CoversEveryCountry(BasePermission):
    """A token limited to some countries cannot read figures made from all of them."""

    message = _("This token reads only some countries; the roll-up covers all of them.")

    def has_permission(self, request, view):
        return scope_of(request) is None


def scope_of(request):
    """The ids of the countries the request's token is limited to, or None: no limit."""
    token = request.auth
    if not isinstance(token, ApiToken):
        return None
    ids = {country.pk for country in token.countries.all()}
    return ids or None
