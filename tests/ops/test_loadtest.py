"""The load test's Django side: its accounts (loadtest_users) and the lost-writes check
(loadtest_writes). The load test itself runs with `make loadtest`, not here."""

import json
import os
import stat

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS, roles_of
from countries.models import Assignment
from ops import loadtest
from tests.factories import EvidenceFactory

RUN = "20200101T000000Z"


@pytest.fixture
def make_users(db, settings, tmp_path):
    settings.DEBUG = True

    def make(staff=12, managers=3):
        output = tmp_path / "credentials.json"
        call_command("loadtest_users", staff=staff, managers=managers, output=str(output))
        return output

    return make


def test_staff_cover_every_target_country_and_managers_have_none(strategy, make_users):
    credentials = json.loads(make_users(staff=12, managers=3).read_text())

    assert len(credentials["staff"]) == 12
    assert len(credentials["managers"]) == 3
    covered = set()
    for account in credentials["staff"]:
        user = User.objects.get(username=account["username"])
        roles = roles_of(user)
        assert roles.is_country_staff and not roles.is_manager
        codes = sorted(a.country.code.code.lower() for a in user.country_assignments.all())
        assert codes == account["countries"]
        assert len(codes) == loadtest.COUNTRIES_PER_STAFF
        covered.update(codes)
    target = {c.code.code.lower() for c in strategy.target_countries.all()}
    assert covered == target
    for account in credentials["managers"]:
        user = User.objects.get(username=account["username"])
        assert user.groups.get().name == MANAGERS
        assert not user.country_assignments.exists()
    assert User.objects.filter(groups__name=COUNTRY_STAFF).count() == 12


def test_the_credentials_sign_in_through_the_form_and_only_the_owner_reads_them(
    strategy, make_users, client
):
    output = make_users()
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o600
    account = json.loads(output.read_text())["managers"][0]

    response = client.post(
        reverse("login"), {"username": account["username"], "password": account["password"]}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_running_again_resets_the_passwords_without_adding_accounts(strategy, make_users):
    first = json.loads(make_users().read_text())
    second = json.loads(make_users().read_text())

    assert User.objects.filter(username__startswith=loadtest.USERNAME_PREFIX).count() == 15
    assert Assignment.objects.count() == 12 * loadtest.COUNTRIES_PER_STAFF
    user = User.objects.get(username=first["staff"][0]["username"])
    assert not user.check_password(first["staff"][0]["password"])
    assert user.check_password(second["staff"][0]["password"])


def test_loadtest_users_refuses_to_run_with_debug_off(strategy, settings, tmp_path):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("loadtest_users", output=str(tmp_path / "credentials.json"))
    assert not User.objects.exists()


def write_record(path, items):
    path.write_text("".join(f"{item.pk}\t{item.title}\n" for item in items))
    return path


def test_every_acknowledged_write_found_once_passes(strategy, tmp_path, capsys):
    prefix = loadtest.title_prefix(RUN)
    saved = [EvidenceFactory(title=f"{prefix}load-staff-001 1-{n}") for n in (1, 2)]
    # Saved, but the client gave up before the server's answer: not acknowledged.
    EvidenceFactory(title=f"{prefix}load-staff-002 2-1")
    EvidenceFactory(title="Load test of another run")
    record = write_record(tmp_path / "writes.tsv", saved)

    call_command("loadtest_writes", run=RUN, writes=str(record))

    assert capsys.readouterr().out.strip() == (
        "writes acknowledged: 2; found exactly once: 2; lost: 0; duplicated: 0; "
        "saved but not acknowledged: 1"
    )


def test_a_lost_or_duplicated_write_fails_the_check(strategy, tmp_path):
    prefix = loadtest.title_prefix(RUN)
    kept = EvidenceFactory(title=f"{prefix}load-staff-001 1-1")
    lost = EvidenceFactory(title=f"{prefix}load-staff-001 1-2")
    twice = EvidenceFactory(title=f"{prefix}load-staff-001 1-3")
    EvidenceFactory(title=twice.title)
    record = write_record(tmp_path / "writes.tsv", [kept, lost, twice])
    lost.delete()

    check = loadtest.check_writes(RUN, loadtest.read_writes(record.read_text().splitlines()))
    assert (check.acknowledged, check.found, check.lost) == (3, 1, 1)
    assert check.missing == [lost.title]
    assert check.duplicated == [twice.title]
    with pytest.raises(CommandError, match="not in the database exactly once"):
        call_command("loadtest_writes", run=RUN, writes=str(record))


def test_a_write_acknowledged_under_another_id_is_lost(strategy, tmp_path):
    item = EvidenceFactory(title=f"{loadtest.title_prefix(RUN)}load-staff-001 1-1")
    record = tmp_path / "writes.tsv"
    record.write_text(f"{item.pk + 1}\t{item.title}\n")

    check = loadtest.check_writes(RUN, loadtest.read_writes(record.read_text().splitlines()))
    assert check.lost == 1
