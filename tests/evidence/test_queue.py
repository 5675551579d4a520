"""The verification queue managers work through: filters by country, sub-objective, author
and level; "waiting since" shown and sortable, longest first by default; a count per
country; several items verified at once with a plain form (no JavaScript), each refused
and named if it is the manager's own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince

from core.roles import COUNTRY_STAFF, MANAGERS
from evidence.models import Evidence, Transition
from objectives.models import SubObjective
from tests.factories import EvidenceFactory, UserFactory

Status = Evidence.Status
QUEUE = reverse("evidence:queue")
VERIFY = reverse("evidence:verify_selected")


def waiting(author, days, **fields):
    """A submitted item that has waited `days` days."""
    evidence = EvidenceFactory(author=author, status=Status.SUBMITTED, **fields)
    Transition.objects.create(
        evidence=evidence,
        actor=author,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        at=timezone.now() - datetime.timedelta(days=days),
    )
    return evidence


@pytest.fixture
def queue(staff, other_staff, niger, mali, india):
    sub_objectives = list(SubObjective.objects.order_by("pk")[:2])
    return {
        "old": waiting(staff, 30, title="Old", country=niger, sub_objective=sub_objectives[0]),
        "mid": waiting(
            staff, 10, title="Mid", country=mali, level=Evidence.Level.LOCAL,
            sub_objective=sub_objectives[1],
        ),
        "new": waiting(other_staff, 1, title="New", country=india),
    }  # fmt: skip


def titles(response):
    return [evidence.title for evidence in response.context["page"]]


def test_the_queue_shows_the_items_that_waited_longest_first_and_since_when(
    client_for, manager, queue
):
    response = client_for(manager).get(QUEUE)
    assert titles(response) == ["Old", "Mid", "New"]
    html = response.content.decode()
    old = response.context["page"][0].waiting_since
    assert f"Waiting since {date_format(old)} ({timesince(old)})" in html
    newest = client_for(manager).get(QUEUE, {"order": "newest"})
    assert titles(newest) == ["New", "Mid", "Old"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (lambda q: {"country": q["mid"].country_id}, ["Mid"]),
        (lambda q: {"sub_objective": q["old"].sub_objective_id}, ["Old", "New"]),
        (lambda q: {"author": q["new"].author_id}, ["New"]),
        (lambda q: {"level": "local"}, ["Mid"]),
    ],
)
def test_the_queue_filters_by_country_sub_objective_author_and_level(
    client_for, manager, queue, filters, expected
):
    assert titles(client_for(manager).get(QUEUE, filters(queue))) == expected


def test_the_queue_counts_what_waits_in_each_country(client_for, manager, queue, niger, staff):
    waiting(staff, 2, title="Another", country=niger)
    counts = client_for(manager).get(QUEUE).context["by_country"]
    assert {country.code.code: country.items for country in counts} == {"NE": 2, "ML": 1, "IN": 1}


def test_a_filter_that_is_not_valid_shows_its_error_and_no_items(client_for, manager, queue):
    response = client_for(manager).get(QUEUE, {"country": "\x00", "level": "nowhere"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors and titles(response) == []


def test_a_manager_verifies_the_items_ticked_and_returns_to_the_filtered_queue(
    client_for, manager, queue
):
    client = client_for(manager)
    response = client.post(
        VERIFY,
        {"items": [queue["old"].pk, queue["mid"].pk], "back": "order=newest&level=local"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?order=newest&level=local"
    statuses = dict(Evidence.objects.values_list("title", "status"))
    assert statuses == {"Old": "verified", "Mid": "verified", "New": "submitted"}
    assert Transition.objects.filter(to_status=Status.VERIFIED, actor=manager).count() == 2
    messages = [str(m) for m in client.get(QUEUE).context["messages"]]
    assert messages == ["2 items verified: they now count on the dashboard."]


def test_each_item_of_the_manager_s_own_is_refused_and_named(client_for, queue, niger):
    both = UserFactory(username="both", groups=[MANAGERS, COUNTRY_STAFF], countries=[niger])
    own = waiting(both, 3, title="Mine", country=niger)
    client = client_for(both)
    client.post(VERIFY, {"items": [own.pk, queue["old"].pk]})
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED
    messages = [str(m) for m in client.get(QUEUE).context["messages"]]
    assert messages == [
        "1 item verified: it now counts on the dashboard.",
        f"Not verified: you wrote “Mine” (no. {own.pk}); another manager must verify it.",
    ]


def test_an_item_no_longer_waiting_is_named_and_the_others_are_verified(client_for, manager, queue):
    Evidence.objects.filter(pk=queue["mid"].pk).update(status=Status.RETURNED)
    client = client_for(manager)
    client.post(VERIFY, {"items": [queue["mid"].pk, queue["new"].pk]})
    assert Evidence.objects.get(pk=queue["new"].pk).status == Status.VERIFIED
    messages = [str(m) for m in client.get(QUEUE).context["messages"]]
    assert f"Not verified: “Mid” (no. {queue['mid'].pk}) no longer waits for verification." in (
        messages
    )


@pytest.mark.parametrize("items", [[], ["abc"], ["\x00"], ["9" * 40], ["-1"]])
def test_nothing_ticked_or_junk_verifies_nothing(client_for, manager, queue, items):
    response = client_for(manager).post(VERIFY, {"items": items, "back": "\x00=\x01"})
    assert response.status_code == 302
    assert not Evidence.objects.filter(status=Status.VERIFIED).exists()


def test_staff_and_people_with_no_role_have_no_queue(
    client_for, queue, staff, other_staff, outsider
):
    for user in (staff, other_staff, outsider):
        client = client_for(user)
        assert client.get(QUEUE).status_code == 403
        assert client.post(VERIFY, {"items": [queue["new"].pk]}).status_code == 403
    assert not Evidence.objects.filter(status=Status.VERIFIED).exists()


def test_the_bulk_form_works_without_javascript(client_for, manager, queue):
    """A plain HTML form: tick boxes named `items` inside a form that posts to the bulk
    action, with the current filters kept in a hidden field."""
    html = client_for(manager).get(QUEUE, {"level": "national"}).content.decode()
    assert f'action="{VERIFY}"' in html
    assert f'name="items" value="{queue["old"].pk}"' in html
    assert 'name="back" value="level=national"' in html
    assert "<script" not in html
