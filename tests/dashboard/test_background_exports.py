"""Evidence exports as XLSX above EXPORT_BACKGROUND_ROWS: built by the task worker, served
to the reader who asked for them alone, deleted after EXPORT_FILES_KEEP_DAYS."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.models import ExportFile
from dashboard.tasks import build_evidence_xlsx

from ..factories import EvidenceFactory
from ..tables import read_download

QUERY = {"strategy": "2015-2020", "as_of": "2020-12-31"}


@pytest.fixture
def evidence(niger, india, strategy, settings, tmp_path):
    """Three items of Niger and one of India, with the threshold at two rows."""
    settings.MEDIA_ROOT = tmp_path
    settings.EXPORT_BACKGROUND_ROWS = 2
    sub = strategy.objectives.get(number=1).sub_objectives.get(number=1)
    for day in (1, 2, 3):
        day = datetime.date(2019, 1, day)
        EvidenceFactory(country=niger, sub_objective=sub, title=f"=Niger {day.day}", date=day)
    EvidenceFactory(country=india, sub_objective=sub, title="India change")


def export_url(fmt):
    return reverse("dashboard:export_evidence", args=[fmt])


def download_url(export):
    return reverse("dashboard:export_file_download", args=[export.pk])


def test_at_or_below_the_threshold_the_xlsx_downloads_at_once(client_for, other_staff, evidence):
    response = client_for(other_staff).get(export_url("xlsx"), QUERY)
    assert response.status_code == 200
    assert [row[6] for row in read_download(response).rows] == ["India change"]
    assert not ExportFile.objects.exists()


def test_the_csv_is_streamed_at_once_whatever_its_size(client_for, manager, evidence):
    response = client_for(manager).get(export_url("csv"), QUERY)
    assert response.status_code == 200 and response.streaming
    assert not ExportFile.objects.exists()


def test_above_the_threshold_the_worker_builds_the_same_rows_for_its_owner(
    client_for, manager, evidence, run_queued_tasks, settings
):
    client = client_for(manager)
    settings.EXPORT_BACKGROUND_ROWS = 1_000
    at_once = read_download(client.get(export_url("xlsx"), QUERY))
    settings.EXPORT_BACKGROUND_ROWS = 2
    response = client.get(export_url("xlsx"), QUERY)
    export = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == export.get_absolute_url()
    page = client.get(export.get_absolute_url()).content.decode()
    assert 'data-follow-status="queued"' in page and "prepared in the background" in page
    assert "js/follow-status.js" in page and 'http-equiv="refresh"' not in page
    assert client.get(export_url("xlsx"), QUERY)["Location"] == export.get_absolute_url()
    assert ExportFile.objects.count() == 1  # asking again while it is built queues nothing

    run_queued_tasks()
    export.refresh_from_db()
    assert export.status == ExportFile.Status.READY
    page = client.get(export.get_absolute_url()).content.decode()
    assert download_url(export) in page and "follow-status" not in page
    download = client.get(download_url(export))
    assert download["Content-Disposition"].endswith(f'filename="{export.filename}"')
    built = read_download(download)
    assert (built.title, built.notes) == (at_once.title, at_once.notes)
    assert built.header == at_once.header and built.rows == at_once.rows
    assert len(built.rows) == 4
    assert "'=Niger 1" in [row[6] for row in built.rows]


def test_the_worker_applies_the_requesters_access_and_language(
    client_for, staff, evidence, run_queued_tasks
):
    client = client_for(staff)
    client.get(export_url("xlsx"), QUERY, HTTP_ACCEPT_LANGUAGE="fr")
    export = ExportFile.objects.get()
    assert export.language == "fr"
    page = client.get(export.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "préparé en arrière-plan" in page
    run_queued_tasks()
    built = read_download(client.get(download_url(export)))
    assert built.header[0:3] == ["ID", "Date", "Pays"]
    assert [row[6] for row in built.rows] == ["'=Niger 1", "'=Niger 2", "'=Niger 3"]


@pytest.mark.parametrize("user", ["other_staff", "outsider", "manager"])
def test_nobody_but_its_owner_sees_or_downloads_an_export(
    client_for, request, staff, evidence, run_queued_tasks, user
):
    client_for(staff).get(export_url("xlsx"), QUERY)
    run_queued_tasks()
    export = ExportFile.objects.get()
    client = client_for(request.getfixturevalue(user))
    page = client.get(export.get_absolute_url())
    assert page.status_code == 404 and b"Niger" not in page.content
    assert client.get(download_url(export)).status_code == 404


def test_an_owner_who_lost_their_role_no_longer_downloads(
    client_for, staff, evidence, run_queued_tasks
):
    client_for(staff).get(export_url("xlsx"), QUERY)
    run_queued_tasks()
    staff.country_assignments.all().delete()
    assert client_for(staff).get(download_url(ExportFile.objects.get())).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"strategy": "2015-2020", "as_of": "2020-13-45"},
        {"strategy": "2015-2020", "as_of": "\x00=cmd"},
        {"strategy": "no-such-strategy\x01"},
    ],
)
def test_hostile_parameters_never_queue_nor_fail(client_for, manager, evidence, query):
    response = client_for(manager).get(export_url("xlsx"), query)
    assert response.status_code in (400, 404)
    assert not ExportFile.objects.exists()


@pytest.mark.parametrize("path", ["/dashboard/export/files/999999/", "/dashboard/export/files/x/"])
def test_unknown_export_files_are_not_found(client_for, manager, path):
    assert client_for(manager).get(path).status_code == 404


def test_files_kept_longer_than_the_setting_are_deleted_with_what_they_hold(
    client_for, manager, evidence, run_queued_tasks, settings
):
    client = client_for(manager)
    client.get(export_url("xlsx"), QUERY)
    run_queued_tasks()
    old = ExportFile.objects.get()
    stored = old.file.path
    old_time = timezone.now() - datetime.timedelta(days=settings.EXPORT_FILES_KEEP_DAYS, hours=1)
    ExportFile.objects.filter(pk=old.pk).update(requested_at=old_time)
    client.get(export_url("xlsx"), {**QUERY, "as_of": "2020-06-30"})
    run_queued_tasks()
    assert list(ExportFile.objects.values_list("as_of", flat=True)) == [datetime.date(2020, 6, 30)]
    assert not Path(stored).exists()


def test_a_failed_build_says_so(client_for, manager, evidence, monkeypatch):
    client = client_for(manager)
    client.get(export_url("xlsx"), QUERY)
    export = ExportFile.objects.get()

    def broken(table, stream):
        raise OSError("disk full")

    monkeypatch.setattr("core.exports.write_xlsx", broken)
    with pytest.raises(OSError):
        build_evidence_xlsx.call(export.pk)
    export.refresh_from_db()
    assert export.status == ExportFile.Status.FAILED
    assert "could not be prepared" in client.get(export.get_absolute_url()).content.decode()


def test_the_dashboard_lists_the_readers_own_exports_only(client_for, manager, evidence, strategy):
    other_manager = type(manager).objects.create(username="other_manager")
    other_manager.groups.set(manager.groups.all())
    client_for(manager).get(export_url("xlsx"), QUERY)
    export = ExportFile.objects.get()
    mine = client_for(manager).get(reverse("dashboard:index"), QUERY).content.decode()
    assert export.get_absolute_url() in mine
    theirs = client_for(other_manager).get(reverse("dashboard:index"), QUERY).content.decode()
    assert export.get_absolute_url() not in theirs
