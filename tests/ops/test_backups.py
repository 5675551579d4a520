"""A backup restored into an empty database gives back every row and every history record."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from countries.models import Country
from evidence import search, services
from evidence.models import Evidence
from ops.backups import empty_every_table
from progress.models import CellMonthCount, CellSummary
from tests.factories import EvidenceFactory

SUMMARY_TABLES = {CellSummary._meta.db_table, CellMonthCount._meta.db_table}


def every_table():
    """Every row of every table, sorted, by table name (the migration log aside).

    Many-to-many link tables are compared by the pairs they link: Django backs them up
    as lists on the linking row, so a link's own id, which nothing refers to, is new.
    """
    link_tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    }
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # The search index is derived from the evidence (its storage differs after a
            # restore, its answers do not: tests/evidence/test_search.py).
            if table == "django_migrations" or table.startswith(search.INDEX.fts_table):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = cursor.fetchall()
            # Link rows, and the roll-up summary (recomputed by a restore), are compared
            # without their own ids, which nothing refers to.
            if table in link_tables or table in SUMMARY_TABLES:
                rows = [row[1:] for row in rows]
            tables[table] = sorted(rows, key=repr)
    return tables


@pytest.fixture
def busy_database(strategy, staff, manager, niger, india):
    """Evidence with a life story, edited records, and a changed strategy: history everywhere."""
    draft = EvidenceFactory(author=staff, status=Evidence.Status.DRAFT, confidential=True)
    services.submit_evidence(evidence=draft, actor=staff)
    services.verify_evidence(evidence=draft, actor=manager)
    draft.title = "Renamed by its author"
    draft.save()
    EvidenceFactory(author=staff, country=niger, title="Another item")
    niger.programme_theme = "Descent-based slavery, edited"
    niger.save()
    strategy.target_countries.remove(india)


def run(*args):
    call_command(*args, stdout=io.StringIO())


def test_a_restore_into_an_empty_database_gives_back_every_row(busy_database, tmp_path):
    before = every_table()
    # Created, submitted, verified, renamed; and the other item created.
    assert len(before["evidence_historicalevidence"]) == 5
    assert before["objectives_historicalstrategy_target_countries"]
    backup = tmp_path / "backup.json.gz"
    run("backup", "--output", str(backup))

    # What `migrate` leaves in a new database: content types and permissions only.
    empty_every_table()
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Country.objects.count() == 0 and Permission.objects.exists()

    run("restore", str(backup))

    after = every_table()
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, table


def test_restore_refuses_a_database_with_data(busy_database, tmp_path):
    backup = tmp_path / "backup.json.gz"
    run("backup", "--output", str(backup))
    Evidence.objects.all().delete()
    before = every_table()

    with pytest.raises(CommandError, match="The database is not empty"):
        run("restore", str(backup))

    assert every_table() == before


def test_restore_with_force_replaces_the_data(busy_database, tmp_path):
    backup = tmp_path / "backup.json.gz"
    run("backup", "--output", str(backup))
    expected = every_table()
    Evidence.objects.all().delete()
    EvidenceFactory(title="Logged after the backup")

    run("restore", str(backup), "--force")

    assert every_table() == expected


def test_backup_writes_a_timestamped_file_in_the_backup_directory(db, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    out = io.StringIO()
    call_command("backup", stdout=out)
    (written,) = (tmp_path / "backups").glob("strategy-tracker-*.json.gz")
    assert str(written) in out.getvalue()


def test_restoring_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        run("restore", str(tmp_path / "nope.json.gz"))
