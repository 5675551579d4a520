"""Evidence attachments: which files are accepted, judged by their content, not their name.

A file is accepted when its first bytes identify it as one of the allowed types and it
is no larger than `settings.ATTACHMENT_MAX_BYTES`. It is stored under a random name whose
suffix comes from the detected type (`Evidence.attachment`, `core.files.RandomName`), and served
only by the permission-checked `evidence:attachment` view, never under MEDIA_URL.
"""

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core import text

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
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
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
