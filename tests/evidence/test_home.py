from django.urls import reverse

from evidence.models import Evidence
from tests.factories import EvidenceFactory

Status = Evidence.Status


def test_staff_see_their_countries_drafts_returns_with_reasons_and_waiting_items(
    client_for, staff, manager
):
    EvidenceFactory(author=staff, status=Status.DRAFT, title="My draft")
    EvidenceFactory(author=staff, status=Status.SUBMITTED, title="My submission")
    returned = EvidenceFactory(author=staff, status=Status.RETURNED, title="My returned")
    returned.transitions.create(
        actor=manager,
        from_status="submitted",
        to_status="returned",
        reason="First reason",
        at="2020-01-01T10:00Z",
    )
    returned.transitions.create(
        actor=manager,
        from_status="submitted",
        to_status="returned",
        reason="Latest reason",
        at="2020-02-01T10:00Z",
    )
    response = client_for(staff).get(reverse("home"))
    html = response.content.decode()
    for text in ["Niger", "Mali", "My draft", "My submission", "My returned", "Latest reason"]:
        assert text in html
    assert "First reason" not in html
    assert [e.title for e in response.context["awaiting"]] == ["My submission"]


def test_home_query_count_does_not_grow_with_returned_items(
    client_for, staff, manager, django_assert_num_queries
):
    def add_returned():
        item = EvidenceFactory(author=staff, status=Status.RETURNED)
        item.transitions.create(
            actor=manager,
            from_status="submitted",
            to_status="returned",
            reason="Why",
            at="2020-02-01T10:00Z",
        )

    client = client_for(staff)
    add_returned()
    with django_assert_num_queries(9):
        client.get(reverse("home"))
    for _ in range(5):
        add_returned()
    with django_assert_num_queries(9):
        client.get(reverse("home"))


def test_managers_see_the_queue(client_for, manager, staff):
    EvidenceFactory.create_batch(2, author=staff, status=Status.SUBMITTED)
    response = client_for(manager).get(reverse("home"))
    html = response.content.decode()
    assert "2 items wait for verification." in html
    assert reverse("evidence:queue") in html


def test_users_without_a_role_are_told_to_ask_an_admin(client_for, outsider):
    response = client_for(outsider).get(reverse("home"))
    assert response.status_code == 200
    assert "You have no role yet." in response.content.decode()
    assert reverse("evidence:list") not in response.content.decode()


def test_the_navigation_matches_the_role(client_for, staff, manager):
    staff_html = client_for(staff).get(reverse("home")).content.decode()
    assert reverse("evidence:new") in staff_html
    assert reverse("evidence:queue") not in staff_html
    manager_html = client_for(manager).get(reverse("home")).content.decode()
    assert reverse("evidence:queue") in manager_html
    assert reverse("evidence:new") not in manager_html
