"""Who sees an evidence item, by its state: one rule (`evidence.access`), read in Python for
an item or a record of its history (`could_see`) and as a query for lists
(`Evidence.objects.visible_to`). Both must give the same answer for every role, status and
confidentiality, and that answer must be the rule as the documentation states it."""

import itertools

import pytest

from core.roles import COUNTRY_STAFF, MANAGERS
from evidence.models import Evidence, could_see
from tests.factories import EvidenceFactory, UserFactory

Status = Evidence.Status
ROLES = [
    "admin",
    "manager",
    "staff of the item's country",
    "staff of another country",
    "author",
    "no role",
]


def stated_rule(role, status, confidential):
    """docs/security.md: admins see everything; a draft only its author; managers the rest;
    country staff others' submitted and verified items, confidential ones only of their
    countries; no role, nothing."""
    if role == "admin":
        return True
    if role == "no role":
        return False
    if role == "author":
        return True
    if status == Status.DRAFT:
        return False
    if role == "manager":
        return True
    if status == Status.RETURNED:
        return False
    return not confidential or role == "staff of the item's country"


@pytest.fixture
def users(niger, india, strategy):
    return {
        "admin": UserFactory(username="root", is_staff=True, is_superuser=True),
        "manager": UserFactory(username="manager", groups=[MANAGERS]),
        "staff of the item's country": UserFactory(
            username="niger_staff", groups=[COUNTRY_STAFF], countries=[niger]
        ),
        "staff of another country": UserFactory(
            username="india_staff", groups=[COUNTRY_STAFF], countries=[india]
        ),
        "author": UserFactory(username="author", groups=[COUNTRY_STAFF], countries=[niger]),
        "no role": UserFactory(username="outsider"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_predicate_and_the_queryset_agree_with_the_stated_rule(users, niger, role):
    items = {
        (status, confidential): EvidenceFactory(
            author=users["author"], country=niger, status=status, confidential=confidential
        )
        for status, confidential in itertools.product(Status.values, [False, True])
    }
    user = users[role]
    listed = set(Evidence.objects.visible_to(user).values_list("pk", flat=True))

    answers = {
        (status, confidential): (
            stated_rule(role, status, confidential),
            could_see(user, item),
            item.pk in listed,
        )
        for (status, confidential), item in items.items()
    }
    assert answers == {
        key: (expected, expected, expected) for key, (expected, _, _) in answers.items()
    }


def test_a_history_record_is_judged_by_the_state_it_recorded(users, niger):
    evidence = EvidenceFactory(
        author=users["author"], country=niger, status=Status.DRAFT, confidential=True
    )
    evidence.status = Status.VERIFIED
    evidence.save()
    evidence.confidential = False
    evidence.save()
    draft, confidential, public = evidence.history.order_by("history_id")

    seen = {
        role: [could_see(users[role], record) for record in (draft, confidential, public)]
        for role in ROLES
    }
    assert seen == {
        "admin": [True, True, True],
        "manager": [False, True, True],
        "staff of the item's country": [False, True, True],
        "staff of another country": [False, False, True],
        "author": [True, True, True],
        "no role": [False, False, False],
    }
