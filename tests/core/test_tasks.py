"""Background work goes through Django's Tasks API to the database backend, and the real
worker runs it: queued in the caller's transaction, run once, its result kept."""

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from ..tasks import rename


def test_a_task_queued_in_the_database_is_run_by_the_worker(run_queued_tasks, staff):
    result = rename.enqueue(staff.pk, "Aminata")
    staff.refresh_from_db()
    assert staff.first_name != "Aminata"  # queued, not run in the request
    run_queued_tasks()
    staff.refresh_from_db()
    assert staff.first_name == "Aminata"
    result.refresh()
    assert (result.status, result.return_value) == ("SUCCESSFUL", "Aminata")
    run_queued_tasks()  # nothing left: it does not run twice
    assert DBTaskResult.objects.count() == 1


def test_a_task_queued_in_a_transaction_that_fails_is_never_run(run_queued_tasks, staff):
    try:
        with transaction.atomic():
            rename.enqueue(staff.pk, "Never")
            raise RuntimeError("the request fails after queueing")
    except RuntimeError:
        pass
    run_queued_tasks()
    staff.refresh_from_db()
    assert staff.first_name != "Never"
    assert not DBTaskResult.objects.exists()
