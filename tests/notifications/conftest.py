"""A real SMTP server for the delivery tests, and the task runner they share."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

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


@pytest.fixture
def smtp(settings):
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1, which the app sends to."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SITE_URL = SITE_URL
    yield mailbox
    controller.stop()


@pytest.fixture
def run_tasks(db):
    """`run_tasks()`: run the queued tasks that are due, one by one, through the database
    worker's own code for a task, inside the test's transaction (the polling worker
    itself, which commits, is run by `run_queued_tasks` in test_worker.py). Returns how
    many ran; `run_tasks(at_most=1)` runs only the first."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )

    def run(at_most=10_000):
        for count in range(at_most):
            task = DBTaskResult.objects.ready().first()
            if task is None:
                return count
            task.claim("test")
            worker.run_task(task)
        return at_most

    return run
