"""How a message of the outbox becomes an email: in its recipient's language, as plain
text and HTML, with links to the site (SITE_URL) and a signed one-click unsubscribe
(RFC 8058: a `List-Unsubscribe` https address and `List-Unsubscribe-Post`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .kinds import KINDS, absolute

SALT = "notifications.unsubscribe"


def unsubscribe_token(user, kinds):
    """A token that stops `kinds` for `user`, signed with the site's key: it names the
    user and the kinds, and cannot be made or altered without the key."""
    return signing.dumps([user.pk, sorted(kinds)], salt=SALT, compress=True)


def read_unsubscribe_token(token):
    """(user id, [kinds]) from a token; signing.BadSignature if it is not one of ours."""
    user_id, kinds = signing.loads(token, salt=SALT)
    if not isinstance(user_id, int) or not all(kind in KINDS for kind in kinds):
        raise signing.BadSignature("unknown user or kind")
    return user_id, kinds


def sections_of(message):
    """[(kind, [Line, …])] of a message's notifications that are still to be told, kinds
    in the order they were registered."""
    notifications = list(
        message.notifications.select_related("evidence__country", "country").order_by(
            "created_at", "pk"
        )
    )
    sections = []
    for slug, kind in KINDS.items():
        mine = [n for n in notifications if n.kind == slug]
        lines = kind.lines(message.recipient, mine) if mine else []
        if lines:
            sections.append((kind, lines))
    return sections


def subject_of(message, sections):
    count = sum(len(lines) for _kind, lines in sections)
    if message.key.startswith("digest:"):
        return ngettext(
            "Strategy tracker: your daily digest (%(count)d update)",
            "Strategy tracker: your daily digest (%(count)d updates)",
            count,
        ) % {"count": count}
    if count == 1:
        return sections[0][1][0].text
    return f"{sections[0][0].label} ({count})"


def headers_of(message, unsubscribe_url):
    host = urlsplit(settings.SITE_URL).hostname
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # An automatic message (RFC 3834): out-of-office replies are not sent back to it.
        "Auto-Submitted": "auto-generated",
        # The same for every attempt, so a mail system can tell a repeat from a new email.
        "Message-ID": f"<message-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{host}>",
    }


def compose(message):
    """The email for `message`, or None when nothing in it may still be told."""
    recipient = message.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        sections = sections_of(message)
        if not sections:
            return None
        kinds = [kind.slug for kind, _lines in sections]
        token = unsubscribe_token(recipient, kinds)
        context = {
            "greeting": _("Hello %(name)s,") % {"name": recipient.first_name or recipient},
            "sections": sections,
            "headings": len(sections) > 1 or message.key.startswith("digest:"),
            "preferences_url": absolute(reverse("notifications:preferences")),
            "unsubscribe_url": absolute(reverse("notifications:unsubscribe", args=[token])),
            "stopped": ", ".join(str(kind.label) for kind, _lines in sections),
            "site_url": settings.SITE_URL,
            "language": translation.get_language(),
        }
        subject = subject_of(message, sections)
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    email = EmailMultiAlternatives(
        # A header holds one line; the no-break spaces of French stay.
        subject=" ".join(subject.splitlines()),
        body=text,
        to=[recipient.email],
        headers=headers_of(message, context["unsubscribe_url"]),
    )
    email.attach_alternative(html, "text/html")
    return email
