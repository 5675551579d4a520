"""Keep the roll-up summary in step with the evidence, whatever saves or deletes it: the
life-cycle services, the admin's edits, deletions and reverts of history. Each refresh
runs inside the transaction of the save or deletion it follows, so the summary and the
evidence change together or not at all.

Bulk writes of the life cycle (an import, its undo) announce the cells they touched
(`cells_changed_in_bulk`). Rows loaded raw (`loaddata`, a restore) and the volume
generator bypass both; those paths call `rollup.rebuild()` once they are done
(`ops.backups`, `ops.volume`)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from evidence.models import Evidence
from evidence.signals import cells_changed_in_bulk

from . import rollup
from .models import SUMMARISED_STATUSES


def _cell(item):
    return (item.country_id, item.sub_objective_id)


@receiver(pre_save, sender=Evidence, dispatch_uid="rollup_cell_before_save")
def remember_cell_before_save(sender, instance, raw, **kwargs):
    """The cell and status the item has in the database, before this save changes them."""
    instance._rollup_before = None
    if raw or instance.pk is None:
        return
    instance._rollup_before = (
        Evidence.objects.filter(pk=instance.pk)
        .values_list("country_id", "sub_objective_id", "status")
        .first()
    )


@receiver(post_save, sender=Evidence, dispatch_uid="rollup_refresh_after_save")
def refresh_after_save(sender, instance, raw, **kwargs):
    if raw:
        return
    cells = set()
    before = getattr(instance, "_rollup_before", None)
    if before and before[2] in SUMMARISED_STATUSES:
        cells.add(before[:2])
    if instance.status in SUMMARISED_STATUSES:
        cells.add(_cell(instance))
    if cells:
        rollup.refresh_cells(cells)


@receiver(post_delete, sender=Evidence, dispatch_uid="rollup_refresh_after_delete")
def refresh_after_delete(sender, instance, **kwargs):
    if instance.status in SUMMARISED_STATUSES:
        rollup.refresh_cells([_cell(instance)])


@receiver(cells_changed_in_bulk, dispatch_uid="rollup_refresh_after_bulk_change")
def refresh_after_bulk_change(sender, cells, **kwargs):
    rollup.refresh_cells(cells)
