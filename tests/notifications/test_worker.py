"""The real path, as in production: a page queues the work in its transaction, and the
database task worker (`manage.py db_worker`) works out who hears of it and sends the
email to the SMTP server."""

from django.urls import reverse

from evidence import services

from .conftest import subject_of
from .test_delivery import data


def test_the_task_worker_delivers_the_email_of_a_return(
    run_queued_tasks, smtp, client_for, staff, manager, niger
):
    evidence = services.create_evidence(author=staff, data=data(niger), submit=True)
    client_for(manager).post(
        reverse("evidence:return", args=[evidence.pk]), {"reason": "Add the gazette."}
    )
    assert smtp.received == []
    run_queued_tasks()
    message = smtp.only_to(staff)
    assert subject_of(message).startswith(f"{manager} returned")
    assert "Add the gazette." in message.get_body(preferencelist=("plain",)).get_content()
    assert len(smtp.to(manager)) == 1  # the submission
    run_queued_tasks()
    assert len(smtp.received) == 2
