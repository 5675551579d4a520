"""Stored files: random names on the way in, one way of serving them on the way out."""

import logging
import tempfile
import uuid
from pathlib import PurePath

from django.core.files import File
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@deconstructible
class RandomName:
    """An `upload_to` that stores each file under a random name in `folder`, keeping only
    the (lower-cased, bounded) extension: the original name is never a path on disk."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def download(stored, *, filename=None, content_type=None):
    """A stored file (a FieldFile) as a download; 404 when there is none or it is gone.
    The caller has already checked that the reader may have it."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or PurePath(stored.name).name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class PreparedFileStatus(models.TextChoices):
    QUEUED = "queued", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PreparedFile(models.Model):
    """A file someone asked for that the task worker builds, because it takes longer than
    a request should wait (a report's PDF, a large spreadsheet): queued, then ready to
    download or failed. Concrete models add who asked for it, what it holds, its `file`
    field and its `filename`."""

    Status = PreparedFileStatus

    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True

    def build(self, write):
        """Store what `write(stream)` writes to a binary stream (a temporary file, so a
        large file is never held in memory) as the ready file; a failure marks the file
        failed, is logged and is raised again (the worker records it too)."""
        with tempfile.TemporaryFile() as stream:
            try:
                write(stream)
            except Exception:
                logger.exception("%s %s could not be generated", type(self).__name__, self.pk)
                self.status = self.Status.FAILED
                self.finished_at = timezone.now()
                self.save(update_fields=["status", "finished_at"])
                raise
            stream.seek(0)
            self.file.save(self.filename, File(stream), save=False)
        self.status = self.Status.READY
        self.finished_at = timezone.now()
        self.save(update_fields=["file", "status", "finished_at"])


def delete_older_than(prepared_files, age):
    """Delete the prepared files (a queryset) requested more than `age` (a timedelta) ago,
    their stored files with them; returns how many."""
    expired = prepared_files.filter(requested_at__lt=timezone.now() - age)
    count = 0
    for prepared in expired.iterator():
        if prepared.file:
            prepared.file.delete(save=False)
        prepared.delete()
        count += 1
    return count
