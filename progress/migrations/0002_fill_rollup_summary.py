from django.db import migrations


def fill(apps, schema_editor):
    # The summary of evidence logged before it existed. The roll-up module computes it:
    # the rules are written in one place only.
    from progress import rollup

    rollup.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_rollup_summary"),
        ("evidence", "0006_submitted_at"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
