"""Deployment checks of the notifications' settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_https(app_configs=None, **kwargs):
    """Links in emails, and RFC 8058's one-click unsubscribe, need the site's https address."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        checks.Warning(
            f"SITE_URL is {settings.SITE_URL}: emails would link to a plain-HTTP address, "
            "and one-click unsubscribe (RFC 8058) needs https.",
            hint="Set SITE_URL to the https address people reach the site at.",
            id="notifications.W001",
        )
    ]
