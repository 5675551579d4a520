"""Stored files: random names on the way in, one way of serving them on the way out."""

import uuid
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible


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
