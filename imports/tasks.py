"""Background work of imports (Django's Tasks API, run by `manage.py db_worker`): reading
and importing files too large for a web request (`IMPORT_BACKGROUND_BYTES`)."""

from django_tasks import task

from . import services, signals
from .models import Batch


@task()
def preview_batch(batch_id):
    """Read a large file; tell its importer when the preview waits for them."""
    batch = Batch.objects.filter(pk=batch_id, status=Batch.Status.QUEUED).first()
    if batch is None:  # already read, or deleted since
        return None
    batch = services.preview(batch)
    if batch.status == Batch.Status.PREVIEWED:
        signals.preview_ready.send(sender=Batch, batch=batch)
    return batch.status


@task()
def import_batch(batch_id):
    batch = Batch.objects.filter(pk=batch_id, status=Batch.Status.IMPORTING).first()
    if batch is None:
        return None
    return services.run_import(batch).status
