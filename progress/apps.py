from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """The roll-up of verified evidence into progress, and how its statuses are drawn:
    what the dashboard, country pages, reports and the API all read."""

    name = "progress"
    verbose_name = _("Progress")

    def ready(self):
        # Keeps the roll-up summary in step with every save and deletion of evidence.
        from . import receivers  # noqa: F401
