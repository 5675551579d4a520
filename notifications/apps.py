from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Emails about evidence and reminders. It stands above the apps it reports on and
    reacts to the signals they send; none of them imports it."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Registers the checks, the receivers and the reminder kinds.
        from . import checks, receivers, reminders  # noqa: F401
