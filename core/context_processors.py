from .roles import roles_of


def roles(request):
    """Expose the user's roles to templates for navigation (not for access checks)."""
    return {"roles": roles_of(request.user)}
