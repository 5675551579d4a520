"""Where a sign-in attempt comes from, for django-axes' lockout by address."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request):
    """The address of the client, as the TLS proxy saw it when there is one.

    Behind the proxy REMOTE_ADDR is the proxy itself, so every user would share one
    lockout. The proxy appends the address it received the request from to
    X-Forwarded-For, so the last entry is the one a client cannot forge.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of signing in while an account or address is locked out."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)
