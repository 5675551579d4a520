from django.db import migrations

from core.search import SearchIndex

# The fields as they are at this migration (evidence.search.INDEX may change later).
INDEX = SearchIndex("evidence_evidence", ("title", "description", "source_citation"))


def create(apps, schema_editor):
    INDEX.create(schema_editor)


def drop(apps, schema_editor):
    INDEX.drop(schema_editor)


class Migration(migrations.Migration):
    """The full-text index of the evidence list's search: on PostgreSQL the unaccent
    extension and a GIN index, on SQLite an FTS5 table and its triggers (core.search)."""

    dependencies = [("evidence", "0006_submitted_at")]

    operations = [migrations.RunPython(create, drop)]
