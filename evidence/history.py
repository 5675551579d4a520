"""The content history of an evidence item, from django-simple-history's records.

Status changes are not repeated here: they are `Transition` rows, shown beside this.
"""

from django.utils.formats import localize
from django.utils.translation import gettext as _

from .models import Evidence

# Bookkeeping fields, or shown elsewhere (status by the transitions; the stored file name
# is random, its original name is what people recognise; the version is not recorded).
NOT_SHOWN = {"id", "status", "created_at", "updated_at", "attachment", "author", "version"}


def _display(field, value, objects):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return str(objects.get((field.name, value), value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(localize(value))  # dates in the reader's language


def field_changes(evidence):
    """[(when, who, [(field label, old, new), …]), …] oldest first, one entry per save
    that changed content. Two queries for the records, one per related model named."""
    records = list(evidence.history.select_related("history_user").order_by("history_id"))
    fields = {f.name: f for f in Evidence._meta.concrete_fields if f.name not in NOT_SHOWN}
    steps = []
    related_ids = {}
    for older, newer in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older, included_fields=list(fields))
        if not delta.changes:
            continue
        steps.append((newer, delta.changes))
        for change in delta.changes:
            field = fields[change.field]
            if field.is_relation:
                related_ids.setdefault(field, set()).update({change.old, change.new})
    objects = {}
    for field, ids in related_ids.items():
        for obj in field.related_model.objects.filter(pk__in=ids):
            objects[(field.name, obj.pk)] = obj
    return [
        (
            record.history_date,
            record.history_user,
            [
                (
                    fields[change.field].verbose_name,
                    _display(fields[change.field], change.old, objects),
                    _display(fields[change.field], change.new, objects),
                )
                for change in changes
            ],
        )
        for record, changes in steps
    ]
