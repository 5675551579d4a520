"""Making, revoking and using personal access tokens."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, digest

# Writing "last used" on every request would make each read a write: it is recorded at
# most this often per token, and at once when the token is used from a new address.
USE_RECORDED_EVERY = datetime.timedelta(minutes=1)


@transaction.atomic
def create_token(*, user, name, expires_at, countries=()):
    """A new token for `user`, and its key: the only time the key exists in clear."""
    key = ApiToken.new_key()
    token = ApiToken(user=user, name=name, expires_at=expires_at)
    token.set_key(key)
    token.full_clean()
    token.save()
    token.countries.set(countries)
    return token, key


def revoke_token(*, token, actor):
    """Refuse the token from now on; kept, with who revoked it, for the audit history."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token._change_reason = "revoked"
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for_key(key, now):
    """The usable token with this key, or None (unknown, revoked, expired or its user
    deactivated)."""
    if not key:
        return None
    return (
        ApiToken.objects.usable(now)
        .select_related("user")
        .prefetch_related("countries")
        .filter(key_digest=digest(key))
        .first()
    )


def record_use(token, *, address, now):
    """When and from where the token was last used (see USE_RECORDED_EVERY)."""
    recent = token.last_used_at and now - token.last_used_at < USE_RECORDED_EVERY
    if recent and token.last_used_from == address:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_from=address)
    token.last_used_at, token.last_used_from = now, address
