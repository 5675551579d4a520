"""`manage.py import_evidence`: the same rules and report from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Evidence
from imports.models import Batch

from .conftest import row, xlsx


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "evidence.xlsx"
    path.write_bytes(xlsx([row(), row(reference="NE-2", date="31/02/2019")]))
    return path


def run(*args):
    out = io.StringIO()
    call_command("import_evidence", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_writes_nothing(staff, workbook):
    report = run(workbook, "--user", staff.username, "--dry-run")
    assert "1 new" in report and "1 in error" in report
    assert "Row 3 (Error), Date of the change: “31/02/2019” is not a date" in report
    assert not Evidence.objects.exists() and not Batch.objects.exists()


def test_import_writes_drafts_as_the_user(staff, workbook):
    report = run(workbook, "--user", staff.username)
    assert "Imported" in report
    assert Evidence.objects.get().author == staff
    assert "1 unchanged" in run(workbook, "--user", staff.username, "--dry-run")


def test_the_same_access_rules(outsider, other_staff, workbook, strategy):
    with pytest.raises(CommandError, match="not country staff"):
        run(workbook, "--user", outsider.username)
    report = run(workbook, "--user", other_staff.username, "--dry-run")
    assert "only for the countries you are assigned to" in report


def test_a_refused_file_fails(staff, tmp_path, strategy):
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(CommandError, match="not a spreadsheet"):
        run(path, "--user", staff.username)


def test_unknown_user_or_file(staff, workbook, strategy):
    with pytest.raises(CommandError, match="No user"):
        run(workbook, "--user", "nobody")
    with pytest.raises(CommandError, match="No file"):
        run(workbook.parent / "missing.xlsx", "--user", staff.username)
