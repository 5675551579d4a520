"""Rates of the read API: per token (or per signed-in user reading with their session), and
per address before anyone is known, so guessing tokens is slowed down too. Refusals are a
429 with `Retry-After` (rest_framework's handler sets it from the throttle's wait)."""

from rest_framework.throttling import SimpleRateThrottle

from accounts.signin import client_ip

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AddressRateThrottle(SimpleRateThrottle):
    """Checked before authentication (`views.ApiView.initial`)."""

    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}
