from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import SingleLineField


class User(AbstractUser):
    """A person who signs in: country staff, manager or admin (see `core.roles`)."""

    # Django's own name fields, with the project's text validator: names are shown on
    # every page and exported.
    first_name = SingleLineField(_("first name"), max_length=150, blank=True)
    last_name = SingleLineField(_("last name"), max_length=150, blank=True)

    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the site is shown in. Empty: follow the browser."),
    )

    class Meta(AbstractUser.Meta):
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username
