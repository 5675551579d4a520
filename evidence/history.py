"""The content history of an evidence item, from django-simple-history's records.

Status changes are not repeated here: they are `Transition` rows, shown beside this.

History never shows anyone what they could not have seen when it was written. Each
record keeps the item's state as it was (status, confidential, country, author); a reader
is shown only the records whose state the visibility rule (`could_see`) lets them
see, compared with one another. So a value typed in a draft reaches only its author (and
admins), and a value recorded while the item was confidential only those who may read that
country's confidential evidence.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import localize
from django.utils.translation import gettext as _

from . import access
from .models import Evidence, could_see

# Bookkeeping fields, or shown elsewhere (status by the transitions; the stored file name
# is random, its original name is what people recognise; the version and the time of
# submission are not recorded).
NOT_SHOWN = {
    "id",
    "status",
    "submitted_at",
    "created_at",
    "updated_at",
    "attachment",
    "author",
    "version",
}
# What a related object's name is made of, fetched with it (a sub-objective's code
# includes its objective's number).
NAMED_WITH = {"sub_objective": ["objective"]}


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


def field_changes(evidence, user):
    """[(when, who, [(field label, old, new), …]), …] oldest first: what changed in content
    between each record `user` could have seen and the next one they could have seen. The
    first such record is where their view of the item starts, not a change. One query for
    the records, one per related model named."""
    records = [
        record
        for record in evidence.history.select_related("history_user").order_by("history_id")
        if could_see(user, record)
    ]
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
        related = field.related_model.objects.select_related(*NAMED_WITH.get(field.name, []))
        for obj in related.filter(pk__in=ids):
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


@dataclass(frozen=True)
class Entry:
    """One message of the conversation on an item: a return's reason or a comment."""

    when: datetime.datetime
    who: object
    text: str
    is_return: bool


def conversation(evidence, user, transitions):
    """[Entry, …] oldest first: the reasons of the item's returns (from `transitions`, its
    status changes) and its comments, as far as `user` may read them: nothing unless they
    take part (`access.takes_part`), and only the comments written while they could have
    seen the item. One query, for the comments."""
    if not access.takes_part(user, evidence):
        return []
    entries = [
        Entry(step.at, step.actor, step.reason, True)
        for step in transitions
        if step.to_status == Evidence.Status.RETURNED
    ]
    for comment in evidence.comments.select_related("author"):
        comment.evidence = evidence
        if access.can_read_comment(user, comment):
            entries.append(Entry(comment.at, comment.author, comment.text, False))
    return sorted(entries, key=lambda entry: entry.when)
