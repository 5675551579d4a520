"""The SMTP server of the delivery tests, and the task runner they share."""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.mail import SITE_URL, free_port, html_of, serve, subject_of, text_of  # noqa: F401


@pytest.fixture
def smtp(settings):
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1, which the app sends to."""
    mailbox, controller = serve(settings)
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
