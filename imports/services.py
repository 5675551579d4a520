"""An import's life: read the file into a preview (nothing written), import the rows that
passed in one transaction (the file is read and checked again inside it, so what is
written is judged against the data as it is then), undo it while nothing it wrote has
been verified or changed since."""

import logging
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.access import has_assigned_countries
from core.text import strip_control
from evidence import services as evidence_services
from evidence.models import Evidence

from .models import Batch, Item, Reference, Row, RowStatus
from .reading import FileRefused, open_sheet, refusal_of, refuse_size
from .rows import Checker

logger = logging.getLogger(__name__)
Status = Batch.Status
COUNTED = {
    RowStatus.NEW: "new",
    RowStatus.UPDATE: "updated",
    RowStatus.UNCHANGED: "unchanged",
    RowStatus.LOCKED: "locked",
    RowStatus.ERROR: "errors",
}
# Progress is saved every so many rows, for the progress bar of background work.
PROGRESS_EVERY = 500


def create_batch(*, user, strategy, upload, language=""):
    """Store an uploaded file as a new batch, to be read (`preview`). A file over the size
    limit is refused before it is stored."""
    if not has_assigned_countries(user):
        raise PermissionDenied
    refuse_size(upload.size)
    name = strip_control(PurePath(upload.name or "").name).strip()[:255] or "upload"
    batch = Batch(user=user, strategy=strategy, file_name=name, language=language)
    batch.file.save(name, upload, save=False)
    batch.save()
    return batch


def preview(batch):
    """Read and check every row of the batch's file; record each row's status and the
    counts. Nothing else is written."""
    with translation.override(batch.language or None):
        try:
            # Not one transaction: the rows are saved as they are read, so a page shows
            # the progress of a large file; nothing but the preview is written.
            _reset(batch)
            for results in _checked(batch, lock=False):
                _save_rows(batch, results)
            batch.status = Status.PREVIEWED
            batch.rows_done = batch.rows_total = _counted(batch)
            batch.save()
        except FileRefused as refused:
            _refuse(batch, refused)
    return batch


def _reset(batch):
    batch.rows.all().delete()
    for name in COUNTED.values():
        setattr(batch, name, 0)
    batch.rows_done = 0


def _refuse(batch, refused):
    Batch.objects.filter(pk=batch.pk).update(status=Status.REFUSED, message=refusal_of(refused))
    batch.refresh_from_db()
    batch.rows.all().delete()


def _checked(batch, *, lock):
    """The file's rows checked, in lists of `PROGRESS_EVERY`, counted on `batch`."""
    checker = Checker(user=batch.user, strategy=batch.strategy, lock=lock)
    with batch.file.open("rb") as stream, open_sheet(stream, batch.file_name) as sheet:
        Batch.objects.filter(pk=batch.pk).update(rows_total=sheet.estimated_rows)
        batch.rows_total = sheet.estimated_rows
        results = []
        for result in checker.check_all(sheet.rows):
            results.append(result)
            field = COUNTED[result.status]
            setattr(batch, field, getattr(batch, field) + 1)
            if len(results) == PROGRESS_EVERY:
                yield results
                results = []
                _progress(batch)
        if results:
            yield results


def _counted(batch):
    return sum(getattr(batch, name) for name in COUNTED.values())


def _progress(batch):
    """Save how far the work is (an import's one transaction shows it only at its end)."""
    batch.rows_done = _counted(batch)
    Batch.objects.filter(pk=batch.pk).update(rows_done=batch.rows_done)


def _save_rows(batch, results):
    Row.objects.bulk_create(
        [
            Row(
                batch=batch,
                number=result.number,
                status=result.status,
                reference=strip_control(result.reference)[:100],
                title=strip_control(result.title),
                evidence=result.evidence if result.evidence is not None else None,
                problems=[[str(column), str(message)] for column, message in result.problems],
                values=result.values if result.status == RowStatus.ERROR else {},
            )
            for result in results
        ]
    )


def start_import(batch, *, actor, submit_all):
    """Mark a previewed batch as being imported (before the work, in the request)."""
    if batch.user_id != actor.pk:
        raise PermissionDenied
    updated = Batch.objects.filter(pk=batch.pk, status=Status.PREVIEWED).update(
        status=Status.IMPORTING, submit_all=submit_all, rows_done=0
    )
    if not updated:
        raise ValidationError(_("This import is not waiting to be confirmed."))
    batch.refresh_from_db()
    return batch


def run_import(batch):
    """Write the rows that pass, all in one transaction: new items, updates of the
    importer's drafts, each item's reference; the rows' final statuses and the counts."""
    with translation.override(batch.language or None):
        try:
            with transaction.atomic():
                _reset(batch)
                for results in _checked(batch, lock=True):
                    written = _write(batch, results)
                    _save_rows(batch, written)
                batch.status, batch.message = Status.IMPORTED, ""
                batch.rows_done = batch.rows_total = _counted(batch)
                batch.imported_at = timezone.now()
                batch.save()
        except FileRefused as refused:
            _refuse(batch, refused)
        except DatabaseError:
            # Another import or an edit wrote the same items meanwhile (a reference taken,
            # a row locked): nothing of this one was written; it can be confirmed again.
            logger.exception("Import %s rolled back", batch.pk)
            Batch.objects.filter(pk=batch.pk).update(
                status=Status.PREVIEWED,
                message=_("Nothing was written: the same items changed meanwhile. Try again."),
            )
            batch.refresh_from_db()
    return batch


def _write(batch, results):
    author, submit = batch.user, batch.submit_all
    new = [result for result in results if result.status == RowStatus.NEW]
    changed = [result for result in results if result.status == RowStatus.UPDATE]
    previous = {result.evidence.pk: result.previous for result in changed}
    created = evidence_services.create_many(
        author=author, items_data=[result.data for result in new], submit=submit
    )
    updated = evidence_services.update_many(
        actor=author, changes=[(result.evidence, result.data) for result in changed], submit=submit
    )
    for result, evidence in zip(new, created, strict=True):
        result.evidence = evidence
    Reference.objects.bulk_create(
        Reference(
            evidence=result.evidence, country=result.data["country"], reference=result.reference
        )
        for result in new
    )
    Item.objects.bulk_create(
        [
            *(
                Item(batch=batch, evidence=e, action=Item.Action.CREATED, version=e.version)
                for e in created
            ),
            *(
                Item(
                    batch=batch,
                    evidence=e,
                    action=Item.Action.UPDATED,
                    version=e.version,
                    previous=previous[e.pk],
                )
                for e in updated
            ),
        ]
    )
    return results


def undo_blockers(batch):
    """Why the batch cannot be undone: the items it wrote that were verified or changed
    since, as messages (empty when it can be)."""
    reasons = []
    items = batch.items.select_related("evidence")
    for item in items:
        evidence = item.evidence
        if evidence.status == Evidence.Status.VERIFIED:
            reasons.append(_("“%(title)s” has been verified.") % {"title": evidence.title})
        elif evidence.version != item.version:
            reasons.append(_("“%(title)s” has changed since.") % {"title": evidence.title})
    return reasons


@transaction.atomic
def undo(batch, *, actor):
    """Delete the items the batch created and put back those it updated, if none of them
    was verified or changed since."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.user_id != actor.pk:
        raise PermissionDenied
    if batch.status != Status.IMPORTED:
        raise ValidationError(_("Only an import that was carried out can be undone."))
    locked = Evidence.objects.select_for_update().filter(pk__in=batch.items.values("evidence"))
    list(locked)
    blockers = undo_blockers(batch)
    if blockers:
        raise ValidationError(blockers)
    items = list(batch.items.select_related("evidence"))
    evidence_services.restore_many(
        actor=actor,
        restores=[(i.evidence, i.previous) for i in items if i.action == Item.Action.UPDATED],
        reason=_("Import undone: %(file)s") % {"file": batch.file_name},
    )
    created = [i.evidence_id for i in items if i.action == Item.Action.CREATED]
    evidence_services.delete_many(actor=actor, evidence_ids=created)
    batch.status = Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    return batch
