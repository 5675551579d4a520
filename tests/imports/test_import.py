"""Confirming an import: one transaction, drafts or submitted, authored by the importer;
re-uploads update or leave alone; undo while nothing was verified or changed."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from evidence import services as evidence_services
from evidence.models import Evidence, Transition
from imports import services
from imports.models import Batch, Item
from progress import rollup

from .conftest import row, xlsx


@pytest.fixture
def imported(preview):
    """`imported(user, content, submit_all=False)`: a batch previewed and imported."""

    def run(user, content, *, submit_all=False):
        batch = preview(user, content)
        services.start_import(batch, actor=user, submit_all=submit_all)
        return services.run_import(batch)

    return run


def test_valid_rows_become_drafts_by_the_importer(staff, imported):
    batch = imported(staff, xlsx([row(), row(reference="NE-2", date="99/99/2019")]))
    assert batch.status == Batch.Status.IMPORTED
    assert (batch.new, batch.errors) == (1, 1)
    evidence = Evidence.objects.get()
    assert (evidence.author, evidence.status, evidence.title) == (
        staff,
        Evidence.Status.DRAFT,
        "Prosecutors open cases under the penal code",
    )
    assert evidence.country.code == "NE" and evidence.sub_objective.code == "1.1"
    assert list(evidence.transitions.values_list("from_status", "to_status")) == [("", "draft")]
    assert evidence.history.count() == 1
    assert batch.items.get().evidence == evidence


def test_submit_all(staff, imported, manager):
    batch = imported(staff, xlsx([row()]), submit_all=True)
    evidence = Evidence.objects.get()
    assert evidence.status == Evidence.Status.SUBMITTED
    assert list(evidence.transitions.values_list("to_status", flat=True)) == ["draft", "submitted"]
    assert batch.submit_all
    evidence_services.verify_evidence(evidence=evidence, actor=manager)  # the usual path


def test_a_reupload_is_unchanged_then_updates_the_draft(staff, imported):
    imported(staff, xlsx([row()]))
    again = imported(staff, xlsx([row()]))
    assert (again.new, again.unchanged) == (0, 1)
    assert not again.items.exists()
    changed = imported(staff, xlsx([row(title="Four cases now")]))
    assert changed.updated == 1
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.version) == ("Four cases now", 2)
    assert evidence.history.count() == 2


def test_verified_evidence_is_never_changed(staff, imported, manager):
    imported(staff, xlsx([row()]), submit_all=True)
    evidence = Evidence.objects.get()
    evidence_services.verify_evidence(evidence=evidence, actor=manager)
    batch = imported(staff, xlsx([row(title="Rewritten")]))
    assert batch.locked == 1
    evidence.refresh_from_db()
    assert evidence.title != "Rewritten" and evidence.status == Evidence.Status.VERIFIED


def test_one_transaction_nothing_half_written(staff, preview):
    batch = preview(staff, xlsx([row(reference=f"R{n}") for n in range(3)]))
    services.start_import(batch, actor=staff, submit_all=False)
    with mock.patch.object(Item.objects, "bulk_create", side_effect=IntegrityError("taken")):
        services.run_import(batch)
    assert not Evidence.objects.exists()
    assert not Transition.objects.exists()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.PREVIEWED
    assert "Nothing was written" in batch.message
    services.start_import(batch, actor=staff, submit_all=False)
    assert services.run_import(batch).new == 3 and Evidence.objects.count() == 3


def test_a_batch_is_imported_once(staff, imported):
    batch = imported(staff, xlsx([row()]))
    with pytest.raises(ValidationError):
        services.start_import(batch, actor=staff, submit_all=False)


def test_only_the_importer_confirms(staff, other_staff, preview):
    from django.core.exceptions import PermissionDenied

    batch = preview(staff, xlsx([row()]))
    with pytest.raises(PermissionDenied):
        services.start_import(batch, actor=other_staff, submit_all=False)


def test_undo_deletes_what_was_created_and_puts_back_what_was_updated(staff, imported):
    imported(staff, xlsx([row()]))
    second = imported(staff, xlsx([row(title="Changed"), row(reference="NE-2")]), submit_all=True)
    assert (second.new, second.updated) == (1, 1)
    services.undo(second, actor=staff)
    second.refresh_from_db()
    assert second.status == Batch.Status.UNDONE and second.undone_at
    evidence = Evidence.objects.get()
    assert evidence.title == "Prosecutors open cases under the penal code"
    assert evidence.status == Evidence.Status.DRAFT
    assert evidence.transitions.last().reason.startswith("Import undone")
    again = imported(staff, xlsx([row()]))
    assert again.unchanged == 1


def test_the_roll_up_summary_and_the_queue_follow_an_import_and_its_undo(staff, imported):
    def summary_is_exact():
        kept = rollup.summary_snapshot()
        rollup.rebuild()
        return kept == rollup.summary_snapshot()

    imported(staff, xlsx([row()]))
    second = imported(
        staff,
        xlsx([row(title="Changed"), row(reference="NE-2", sub_objective="1.2")]),
        submit_all=True,
    )
    waiting = Evidence.objects.filter(status=Evidence.Status.SUBMITTED)
    assert waiting.count() == 2 and not waiting.filter(submitted_at=None).exists()
    assert summary_is_exact()
    services.undo(second, actor=staff)
    assert not Evidence.objects.filter(status=Evidence.Status.SUBMITTED).exists()
    assert summary_is_exact()


def test_no_undo_once_an_item_is_verified_or_changed(staff, imported, manager):
    batch = imported(staff, xlsx([row(), row(reference="NE-2")]), submit_all=True)
    first, second = Evidence.objects.order_by("pk")
    evidence_services.verify_evidence(evidence=first, actor=manager)
    with pytest.raises(ValidationError, match="has been verified"):
        services.undo(batch, actor=staff)
    assert Evidence.objects.count() == 2


def test_no_undo_after_an_edit(staff, imported):
    batch = imported(staff, xlsx([row()]))
    evidence = Evidence.objects.get()
    evidence_services.update_evidence(
        evidence=evidence, actor=staff, data={"title": "Edited"}, version=evidence.version
    )
    with pytest.raises(ValidationError, match="has changed since"):
        services.undo(batch, actor=staff)


def test_an_import_asks_the_database_a_constant_number_of_times(
    staff, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(80) as few:
        imported(staff, xlsx([row(reference=f"R{n}") for n in range(3)]))
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        imported(staff, xlsx([row(reference=f"S{n}") for n in range(60)]))
