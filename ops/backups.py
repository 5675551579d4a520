"""Whole-database backups in Django's portable JSON format, gzipped, to the microsecond.

A backup holds every row of every table Django manages, history tables and
content types included, with their primary keys, so a restore gives back the same
rows. It is database-neutral: a backup from SQLite restores into PostgreSQL and the
other way round, provided both are migrated to the same code version. Attachments
are files, not rows: back up MEDIA_ROOT (or the bucket) alongside (docs/deploy.md).
"""

from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from progress import rollup

FORMAT = "json-exact"
serializers.register_serializer(FORMAT, "ops.serializers")

# Rows that `migrate` itself writes; a database holding only these counts as empty.
MIGRATION_MODELS = {ContentType, Permission, Group, Group.permissions.through}


class BackupError(Exception):
    pass


def write_backup(*, directory=None, path=None):
    """Dump the whole database to `path`, or to a timestamped file in `directory`."""
    if path is None:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = Path(directory) / f"strategy-tracker-{stamp}.json.gz"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, however long the dump takes and whatever
            # is written meanwhile. (SQLite's read transaction is a snapshot already.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        call_command("dumpdata", all=True, format=FORMAT, output=str(path), verbosity=0)
    return path


def rows_beyond_migrations():
    """How many rows the database holds besides those `migrate` writes."""
    return sum(
        model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model not in MIGRATION_MODELS and not model._meta.proxy
    )


def restore_backup(path, *, force=False):
    """Replace the whole database with the backup at `path`, all or nothing.

    Refuses a database that holds data unless `force`: a restore deletes every row.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    if not force and (rows := rows_beyond_migrations()):
        raise BackupError(
            f"The database is not empty ({rows} rows). Restoring deletes all of them: "
            "use --force if that is what you want."
        )
    # The backup carries its own history rows: loading must not record new ones.
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        empty_every_table()
        call_command("loaddata", str(path), verbosity=0)
        # Loaded rows bypass the receivers that keep the roll-up summary; a backup may also
        # predate the summary. Recomputed from the restored evidence, in the same transaction.
        rollup.rebuild()
    ContentType.objects.clear_cache()


def empty_every_table():
    """Delete every row of every table Django manages, content types included: the
    backup brings its own, with the primary keys its other rows refer to.

    DELETE rather than `flush`: PostgreSQL's TRUNCATE is refused in a transaction that
    has already written, and foreign keys are checked at commit so the order is free.
    """
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
