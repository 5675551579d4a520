"""Personal access tokens for the read API.

A token is shown once, when it is made; only a SHA-256 digest of it is stored. The
secret is 256 random bits, so a fast digest is enough: there is no low-entropy password
to stretch, and lookups stay one indexed query per request.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import SingleLineField
from countries.models import Country

# Every token starts with this, so a leaked one is recognisable by secret scanners.
TOKEN_PREFIX = "st_"
# How many characters of the token are kept in clear to tell tokens apart on screen.
SHOWN_CHARACTERS = 8


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    """A named, expiring, revocable credential for reading the API as its user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = SingleLineField(_("name"), max_length=100, help_text=_("What or who uses it."))
    key_digest = SingleLineField(max_length=64, unique=True, editable=False)
    key_start = SingleLineField(_("starts with"), max_length=16, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
        editable=False,
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    last_used_from = models.GenericIPAddressField(
        _("last used from"), null=True, blank=True, editable=False
    )
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("only these countries"),
        help_text=_("Leave empty to read everything you can read in the browser."),
    )

    history = HistoricalRecords(excluded_fields=["last_used_at", "last_used_from"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @staticmethod
    def new_key():
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def set_key(self, key):
        self.key_digest = digest(key)
        self.key_start = key[: len(TOKEN_PREFIX) + SHOWN_CHARACTERS]

    def is_usable(self, now):
        return self.revoked_at is None and self.expires_at > now and self.user.is_active

    @property
    def is_revoked(self):
        return self.revoked_at is not None
