import io

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from evidence.models import Evidence, Transition


# The demo data is seeded once for the class (seed_demo takes seconds: every item goes
# through the life-cycle services); each test runs in its own rolled-back transaction.
@override_settings(DEBUG=True)
class SeedDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        cls.printed = out.getvalue()

    def test_it_creates_evidence_in_every_status_level_kind_and_rating(self):
        for field, choices in [
            ("status", Evidence.Status),
            ("level", Evidence.Level),
            ("kind", Evidence.Kind),
            ("rating", Evidence.Rating),
        ]:
            values = set(Evidence.objects.values_list(field, flat=True))
            assert values == set(choices.values), field
        assert Evidence.objects.filter(confidential=True).exists()
        years = {d.year for d in Evidence.objects.values_list("date", flat=True)}
        assert years == {2015, 2016, 2017, 2018, 2019, 2020}

    def test_it_creates_one_account_per_role_and_prints_their_passwords(self):
        admin = User.objects.get(username="admin")
        assert admin.is_superuser
        assert User.objects.filter(groups__name=MANAGERS).count() == 1
        staff = User.objects.filter(groups__name=COUNTRY_STAFF)
        assert staff.count() >= 2
        assert all(2 <= s.country_assignments.count() <= 3 for s in staff)
        for user in User.objects.all():
            assert user.username in self.printed
        # The printed password signs the user in.
        line = next(line for line in self.printed.splitlines() if " grace " in f" {line} ")
        assert User.objects.get(username="grace").check_password(line.split()[-1])

    def test_every_status_has_the_history_that_led_to_it(self):
        for evidence in Evidence.objects.prefetch_related("transitions"):
            steps = [t.to_status for t in evidence.transitions.all()]
            assert steps[0] == Evidence.Status.DRAFT
            assert steps[-1] == evidence.status
        assert not Transition.objects.filter(to_status="returned", reason="").exists()

    def test_running_it_again_adds_no_evidence(self):
        count = Evidence.objects.count()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        assert Evidence.objects.count() == count
        assert "no demo evidence added" in out.getvalue()


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.exists()
