"""Who wants to hear what, what they should hear about, and the emails that carry it.

- `Preference`: how a user receives one kind of notification (immediately, in a daily
  digest, or never); no row means the kind's default (`kinds.py`).
- `FollowedCountry`: the countries a manager follows; none means all of them.
- `Notification`: one thing one person should hear about, once: unique per (recipient,
  key), where the key names the event or the reminder and its period.
- `Message`: the outbox, one email to one person, once: unique per (recipient, key),
  where the key names the event, or the digest or reminder and its day. Sending claims a
  pending message before it talks to the mail server and marks it sent after, so no run,
  repeated or crashed, sends a message twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import MultiLineField, SingleLineField
from countries.models import Country
from evidence.models import Evidence


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("In a daily digest")
    NEVER = "never", _("Never")


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    # A kind registered in kinds.py: a name in code, not a choice stored in the schema, so
    # a new kind needs no migration.
    kind = models.SlugField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="preference_delivery_known"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.delivery}"


class FollowedCountry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_countries",
        verbose_name=_("user"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="followers", verbose_name=_("country")
    )

    class Meta:
        verbose_name = _("followed country")
        verbose_name_plural = _("followed countries")
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="follow_a_country_once"),
        ]

    def __str__(self):
        return f"{self.user} → {self.country}"


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Each of its notifications was about something its recipient may no longer see.
    EMPTY = "empty", _("Nothing left to say")


class Message(models.Model):
    """One email to one person: the outbox."""

    Status = MessageStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_messages",
        verbose_name=_("recipient"),
    )
    key = SingleLineField(_("key"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = MultiLineField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # When its next attempt is due: a pending message long past it lost its task (a worker
    # killed in the middle of a batch) and the daily run queues it again.
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_message_per_key"),
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="message_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.key} ({self.status})"


class Notification(models.Model):
    """One thing one person should hear about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.SlugField(_("kind"), max_length=40)
    key = SingleLineField(_("key"), max_length=200)
    # What it is about: an evidence item (most kinds) or a country, and the event's own
    # row (a transition, a comment, a reporting period…), which its kind knows how to read.
    evidence = models.ForeignKey(
        Evidence,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    message = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("email"),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_key"),
        ]
        indexes = [
            # The digest and reminder runs: each recipient's notifications not yet in an
            # email (`Notification.objects.filter(message=None, …)`).
            models.Index(
                fields=["recipient", "delivery"],
                condition=Q(message__isnull=True),
                name="notification_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.key}"
