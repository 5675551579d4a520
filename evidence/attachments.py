"""Evidence attachments: which files are accepted, judged by their content, not their name.

A file is accepted when its first bytes identify it as one of the allowed types and it
is no larger than `settings.ATTACHMENT_MAX_BYTES`. It is stored under a random name whose
suffix comes from the detected type (`Evidence.attachment`, `core.files.RandomName`), and served
only by the permission-checked `evidence:attachment` view, never under MEDIA_URL.
"""

import datetime
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import text
from core.dates import file_size
from core.files import RandomName

# Detected extension → MIME type served back. Legacy PowerPoint is left out: filetype
# cannot tell it from other OLE files reliably.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}
ALLOWED_DESCRIPTION = _(
    "PDF, PNG, JPEG, GIF or WebP images, Word, Excel or PowerPoint documents "
    "(docx, xlsx, pptx, doc, xls) and OpenDocument text or spreadsheets (odt, ods)"
)


def detected_extension(upload):
    """The extension of the type the file's content shows, or None if not recognised."""
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    return kind.extension if kind else None


def check_upload(upload):
    """Validate an uploaded file and give it a safe name; raise ValidationError if refused.

    Returns the file's original name (kept for display and download) and renames the
    upload to the detected type's extension so the stored suffix matches the content.
    """
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; attachments may be at most %(limit)s."),
            code="too_large",
            params={"size": file_size(upload.size), "limit": file_size(limit)},
        )
    extension = detected_extension(upload)
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "This file's content is not an allowed type, whatever its name says. "
                "Allowed: %(allowed)s."
            ),
            code="type_not_allowed",
            params={"allowed": ALLOWED_DESCRIPTION},
        )
    # The name is shown and sent back in a header: without control characters.
    original = text.strip_control(PurePath(upload.name).name).strip()[:255]
    upload.name = f"attachment.{extension}"
    if text.is_blank(original):
        original = upload.name
    return original


def content_type_of(stored_name):
    """The MIME type to serve a stored attachment with (its suffix came from its content)."""
    suffix = PurePath(stored_name).suffix.lstrip(".").lower()
    return ALLOWED_TYPES.get(suffix, "application/octet-stream")


# A file that passed its checks on a form that could not be saved (another field had an
# error) is kept in storage under `KEPT_FOLDER`, named in the re-shown form by a signed
# token tied to its uploader, so that nobody uploads it twice over a slow link. Kept
# files are deleted after `KEPT_FOR`, whether they were used or not.
KEPT_FOLDER = "kept"
KEPT_FOR = datetime.timedelta(days=2)
_KEPT_SALT = "evidence.kept-attachment"


@dataclass(frozen=True)
class KeptAttachment:
    stored_name: str
    original_name: str

    def open(self):
        """The kept file, as an upload to save with the evidence."""
        handle = default_storage.open(self.stored_name, "rb")
        return File(handle, name=f"attachment{PurePath(self.stored_name).suffix}")

    def discard(self):
        default_storage.delete(self.stored_name)


def keep(upload, original_name, user):
    """Store a checked upload for `user`; return the token the form carries."""
    delete_stale_kept()
    upload.seek(0)
    stored = default_storage.save(RandomName(KEPT_FOLDER)(None, upload.name), upload)
    return signing.dumps({"user": user.pk, "file": stored, "name": original_name}, salt=_KEPT_SALT)


def kept_for(token, user):
    """The file a token names, if it is `user`'s, recent and still there; else None."""
    try:
        data = signing.loads(token, salt=_KEPT_SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    stored = data.get("file", "")
    if data.get("user") != user.pk or not stored.startswith(f"{KEPT_FOLDER}/"):
        return None
    if not default_storage.exists(stored):
        return None
    return KeptAttachment(stored_name=stored, original_name=data.get("name", ""))


def delete_stale_kept(now=None):
    """Delete kept files older than `KEPT_FOR`; how many were deleted."""
    now = now or timezone.now()
    try:
        _folders, names = default_storage.listdir(KEPT_FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{KEPT_FOLDER}/{name}"
        if now - default_storage.get_modified_time(path) > KEPT_FOR:
            default_storage.delete(path)
            deleted += 1
    return deleted
