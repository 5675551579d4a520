"""A real SMTP server for the tests that send email (aiosmtpd on a free port of
127.0.0.1), and helpers to read what it received."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller

SITE_URL = "https://tracker.example.org"


class Mailbox:
    """What the test SMTP server received, as parsed emails. `refuse(n)` makes it refuse
    the next `n` emails with a temporary error (451), as a busy server does."""

    def __init__(self):
        self.received = []
        self.refusals = 0

    def refuse(self, times=1):
        self.refusals = times

    async def handle_DATA(self, server, session, envelope):
        if self.refusals:
            self.refusals -= 1
            return "451 4.3.0 Try again later"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.rcpt_tos, parsed))
        return "250 OK"

    def to(self, user):
        return [message for recipients, message in self.received if user.email in recipients]

    def only_to(self, user):
        (message,) = self.to(user)
        return message


def subject_of(message):
    """The subject as a mail program shows it (the header may be folded onto a new line)."""
    return message["Subject"].strip()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(settings, site_url=SITE_URL):
    """Start an SMTP server the app sends to; returns (mailbox, controller to stop)."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SITE_URL = site_url
    return mailbox, controller
