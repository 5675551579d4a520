from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from evidence.models import Evidence
from objectives.models import SubObjective
from tests.factories import EvidenceFactory

Status = Evidence.Status
LIST = reverse("evidence:list")


def _titles(response):
    return {e.title for e in response.context["page"]}


@pytest.fixture
def mixed(staff, other_staff, india, niger):
    """Evidence of every visibility kind, seen from `staff` (Niger, Mali)."""
    return {
        "own draft": EvidenceFactory(author=staff, status=Status.DRAFT, title="own draft"),
        "other draft": EvidenceFactory(
            author=other_staff, country=india, status=Status.DRAFT, title="other draft"
        ),
        "other verified": EvidenceFactory(
            author=other_staff, country=india, title="other verified"
        ),
        "other confidential": EvidenceFactory(
            author=other_staff, country=india, confidential=True, title="other confidential"
        ),
        "confidential in my country": EvidenceFactory(
            author=other_staff,
            country=niger,
            confidential=True,
            status=Status.SUBMITTED,
            title="confidential in my country",
        ),
    }


def test_staff_see_shared_evidence_and_their_own_but_not_others_drafts_or_secrets(
    client_for, staff, mixed
):
    response = client_for(staff).get(LIST)
    assert _titles(response) == {"own draft", "other verified", "confidential in my country"}
    assert response.context["page"].count == 3


def test_search_does_not_reveal_hidden_evidence(client_for, staff, mixed):
    response = client_for(staff).get(LIST, {"q": "confidential"})
    assert _titles(response) == {"confidential in my country"}
    assert "1 evidence item" in response.content.decode()


def test_managers_see_everything_but_others_drafts(client_for, manager, mixed):
    assert _titles(client_for(manager).get(LIST)) == {
        "other verified",
        "other confidential",
        "confidential in my country",
    }


def test_admins_see_everything(client_for, superuser, mixed):
    assert _titles(client_for(superuser).get(LIST)) == set(mixed)


def test_filters_narrow_the_list(client_for, manager, staff, mali, strategy):
    sub_2_1 = SubObjective.objects.get(objective__strategy=strategy, objective__number=2, number=1)
    EvidenceFactory(
        author=staff,
        title="match",
        country=mali,
        sub_objective=sub_2_1,
        level="local",
        kind="norms",
        rating=1,
        date="2016-03-01",
        source_citation="Radio Kayes transcript",
    )
    EvidenceFactory(author=staff, title="other")
    client = client_for(manager)
    for params in [
        {"country": mali.pk},
        {"objective": sub_2_1.objective.pk},
        {"sub_objective": sub_2_1.pk},
        {"level": "local"},
        {"kind": "norms"},
        {"rating": "1"},
        {"status": "verified", "year": "2016"},
        {"author": staff.pk, "q": "kayes"},
    ]:
        assert _titles(client.get(LIST, params)) == {"match"}, params
    assert _titles(client.get(LIST, {"status": "draft"})) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"rating": "9"},
        {"country": "x"},
        {"country": "99999999999999999999"},
        {"status": "gone"},
        {"author": "-1"},
        {"q": "nul\x00byte"},
        {"page": "zzz"},
    ],
)
def test_invalid_filters_give_form_errors_not_a_500(client_for, manager, params):
    response = client_for(manager).get(LIST, params)
    assert response.status_code == 200
    if "page" not in params:
        assert response.context["filter"].form.errors
        assert "Some filters are not valid" in response.content.decode()


def test_pages_keep_the_filters(client_for, manager, staff):
    EvidenceFactory.create_batch(30, author=staff, level="local")
    response = client_for(manager).get(LIST, {"level": "local"})
    page = response.context["page"]
    assert (page.count, page.has_previous, page.has_next) == (30, False, True)
    after = page.cursors["after"]
    assert f"?level=local&amp;after={quote(after)}" in response.content.decode()
    second = client_for(manager).get(LIST, {"level": "local", "after": after})
    assert len(second.context["page"]) == 5
    assert not second.context["page"].has_next
    assert "?level=local&amp;page=last" not in second.content.decode()
    last = client_for(manager).get(LIST, {"level": "local", "page": "last"})
    # The last page is the last 25 items, ending where the second page ends.
    last_ids = [item.pk for item in last.context["page"]]
    assert len(last_ids) == 25
    assert last_ids[-5:] == [item.pk for item in second.context["page"]]


def test_the_list_query_count_does_not_grow_with_rows(
    client_for, staff, other_staff, india, django_assert_num_queries
):
    client = client_for(staff)
    EvidenceFactory.create_batch(2, author=other_staff, country=india)
    # Session, user, groups, assignments, the current strategy (two when it has ended),
    # count, page, and the filter form's country, objective, sub-objective and author
    # choices; on PostgreSQL, the search's index lookup (core.search).
    queries = 13 if connection.vendor == "postgresql" else 12
    with django_assert_num_queries(queries):
        client.get(LIST, {"q": "evidence"})
    EvidenceFactory.create_batch(20, author=other_staff, country=india)
    with django_assert_num_queries(queries):
        client.get(LIST, {"q": "evidence"})
