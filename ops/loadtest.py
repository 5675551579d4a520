"""The Django side of the load test (loadtest/, `make loadtest`): the accounts it signs in
with, and the check that every write the server acknowledged is in the database.

Load-test accounts are ordinary country staff and managers whose user names start with
USERNAME_PREFIX; their passwords are new at every run. Each item the scenario logs has a
title starting with "Load test <run> "; the scenario writes down the id and title of
every item whose saving the server acknowledged, and `check_writes` compares that record
with the database.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from itertools import cycle

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Assignment
from evidence.models import Evidence

USERNAME_PREFIX = "load-"
# Staff members are assigned to this many of the strategy's target countries each.
COUNTRIES_PER_STAFF = 2


def title_prefix(run):
    return f"Load test {run} "


def _account(username, group):
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"first_name": "Load", "last_name": "test", "email": "", "is_active": True},
    )
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save()
    user.groups.set([group])
    return user, password


@transaction.atomic
def create_users(*, strategy, staff, managers):
    """Create or reset `staff` country staff and `managers` managers with new passwords.
    Staff are assigned round the strategy's target countries, COUNTRIES_PER_STAFF each,
    so that every country has staff logging for it. Returns the credentials as
    {"staff": [{"username", "password", "countries": [codes]}], "managers": [...]}."""
    countries = list(strategy.target_countries.order_by("code"))
    if not countries:
        raise ValueError("The strategy has no target countries.")
    staff_group = Group.objects.get(name=COUNTRY_STAFF)
    manager_group = Group.objects.get(name=MANAGERS)
    next_country = cycle(countries)
    credentials = {"staff": [], "managers": []}
    for n in range(1, staff + 1):
        user, password = _account(f"{USERNAME_PREFIX}staff-{n:03}", staff_group)
        assigned = {next(next_country) for _ in range(min(COUNTRIES_PER_STAFF, len(countries)))}
        Assignment.objects.filter(user=user).exclude(country__in=assigned).delete()
        for country in assigned:
            Assignment.objects.get_or_create(user=user, country=country)
        credentials["staff"].append(
            {
                "username": user.username,
                "password": password,
                "countries": sorted(c.code.code.lower() for c in assigned),
            }
        )
    for n in range(1, managers + 1):
        user, password = _account(f"{USERNAME_PREFIX}manager-{n:03}", manager_group)
        user.country_assignments.all().delete()
        credentials["managers"].append({"username": user.username, "password": password})
    return credentials


@dataclass
class WriteCheck:
    """The acknowledged writes of one run against what the database holds."""

    acknowledged: int = 0
    found: int = 0
    missing: list = field(default_factory=list)  # acknowledged, not in the database
    duplicated: list = field(default_factory=list)  # in the database more than once
    unacknowledged: int = 0  # in the database, never acknowledged (e.g. a client timeout)

    @property
    def lost(self):
        return len(self.missing)


def read_writes(lines):
    """[(id, title)] from the scenario's record: one "<id>\\t<title>" per line."""
    writes = []
    for line in lines:
        line = line.rstrip("\n")
        if line:
            pk, title = line.split("\t", 1)
            writes.append((int(pk), title))
    return writes


def check_writes(run, writes):
    """Compare the acknowledged (id, title) pairs of `run` with its items in the database:
    each must be there exactly once, under the id the server redirected to."""
    saved = dict(
        Evidence.objects.filter(title__startswith=title_prefix(run)).values_list("pk", "title")
    )
    per_title = Counter(saved.values())
    check = WriteCheck(acknowledged=len(writes))
    acknowledged_ids = set()
    for pk, title in writes:
        acknowledged_ids.add(pk)
        if saved.get(pk) != title:
            check.missing.append(title)
        elif per_title[title] > 1:
            check.duplicated.append(title)
        else:
            check.found += 1
    check.unacknowledged = len(saved.keys() - acknowledged_ids)
    return check
