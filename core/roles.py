"""Who is who: the two role groups and the questions every access check asks.

Admins are superusers. Managers and country staff are Django groups created by
migration, so admins can grant a role in the admin without a code change.
"""

from functools import cached_property

COUNTRY_STAFF = "Country staff"
MANAGERS = "Managers"


class Roles:
    """A user's roles, computed once per request (see the middleware)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def group_names(self):
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.groups.values_list("name", flat=True))

    @property
    def is_admin(self):
        return self.user.is_authenticated and self.user.is_superuser

    @property
    def is_manager(self):
        """Managers and admins verify evidence and read everything."""
        return self.is_admin or MANAGERS in self.group_names

    @property
    def is_country_staff(self):
        return COUNTRY_STAFF in self.group_names

    @cached_property
    def country_ids(self):
        """Ids of the countries this user is assigned to."""
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.country_assignments.values_list("country_id", flat=True))


def roles_of(user):
    """The cached `Roles` of a user (one set of queries per request)."""
    roles = getattr(user, "_roles", None)
    if roles is None:
        roles = Roles(user)
        if user.is_authenticated:
            user._roles = roles
    return roles
