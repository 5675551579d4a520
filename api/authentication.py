"""`Authorization: Bearer <token>` for the read API."""

import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accounts.signin import client_ip

from . import services

logger = logging.getLogger(__name__)

KEYWORD = "Bearer"


class TokenAuthentication(authentication.BaseAuthentication):
    """A personal access token names its user; the request then reads what that user reads
    in the browser, limited to the token's countries if it has some (`request.auth`)."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        now = timezone.now()
        token = services.token_for_key(key, now)
        address = client_ip(request._request)
        if token is None:
            # Failed attempts are logged with their address; they are throttled by address
            # like any unauthenticated request (throttling.AddressRateThrottle).
            logger.warning("API request with an unknown, expired or revoked token from %s", address)
            raise exceptions.AuthenticationFailed(_("This token is unknown, expired or revoked."))
        services.record_use(token, address=address, now=now)
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD
