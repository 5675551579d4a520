from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo accounts and plausible data for every part of the app (`manage.py seed_demo`):
    it stands on all the other apps and none depends on it."""

    name = "demo"
    verbose_name = _("Demo data")
