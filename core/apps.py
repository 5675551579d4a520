from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pieces every other app stands on and none of them owns: roles, text validation,
    exports, file serving, paging and filters. It imports no other app of the project."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
