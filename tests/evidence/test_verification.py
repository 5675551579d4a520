from django.urls import reverse

from evidence import services
from evidence.models import Evidence, Transition
from tests.factories import EvidenceFactory

Status = Evidence.Status


def test_the_queue_lists_submitted_evidence_only(client_for, manager, staff):
    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED, title="Waiting")
    EvidenceFactory(author=staff, status=Status.DRAFT, title="Unfinished")
    EvidenceFactory(author=staff, status=Status.VERIFIED, title="Done")
    response = client_for(manager).get(reverse("evidence:queue"))
    assert response.status_code == 200
    assert [e.pk for e in response.context["page"]] == [submitted.pk]


def test_the_queue_query_count_does_not_grow_with_items(
    client_for, manager, staff, django_assert_num_queries
):
    client = client_for(manager)
    EvidenceFactory.create_batch(3, author=staff, status=Status.SUBMITTED)
    # Session, user, roles, strategy (2), the count per country and its countries, the
    # filters' choices (countries, sub-objectives, authors), the count and the page.
    with django_assert_num_queries(11):
        client.get(reverse("evidence:queue"))
    EvidenceFactory.create_batch(10, author=staff, status=Status.SUBMITTED)
    with django_assert_num_queries(11):
        client.get(reverse("evidence:queue"))


def test_a_manager_verifies_submitted_evidence(client_for, manager, staff):
    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED)
    response = client_for(manager).post(reverse("evidence:verify", args=[submitted.pk]))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.VERIFIED
    step = Transition.objects.get(evidence=submitted)
    assert (step.actor, step.from_status, step.to_status) == (manager, "submitted", "verified")


def test_returning_needs_a_reason(client_for, manager, staff):
    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED)
    response = client_for(manager).post(
        reverse("evidence:return", args=[submitted.pk]), {"reason": "   "}
    )
    assert response.status_code == 400
    assert "Say why the evidence is returned." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert not Transition.objects.exists()


def test_a_manager_returns_evidence_with_a_reason_the_author_sees(client_for, manager, staff):
    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED, title="Court case")
    client_for(manager).post(
        reverse("evidence:return", args=[submitted.pk]), {"reason": "Add the court's ruling."}
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    client = client_for(staff)
    home = client.get(reverse("home")).content.decode()
    assert "Court case" in home and "Add the court&#x27;s ruling." in home
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Add the court&#x27;s ruling." in page


def test_a_submitted_item_cannot_be_verified_twice(client_for, manager, staff):
    verified = EvidenceFactory(author=staff, status=Status.VERIFIED)
    client = client_for(manager)
    response = client.post(reverse("evidence:verify", args=[verified.pk]), follow=True)
    assert "cannot be moved to Verified" in response.content.decode()
    assert not Transition.objects.exists()


def test_the_full_journey_is_kept_in_the_history(client_for, staff, manager, evidence_data):
    client = client_for(staff)
    client.post(reverse("evidence:new"), evidence_data(action="submit"))
    evidence = Evidence.objects.get()
    client_for(manager).post(
        reverse("evidence:return", args=[evidence.pk]), {"reason": "Name the source."}
    )
    client = client_for(staff)
    client.post(
        reverse("evidence:edit", args=[evidence.pk]),
        evidence_data(
            action="submit",
            version=str(Evidence.objects.get().version),
            source_citation="Tahoua court register, 2018",
        ),
    )
    client = client_for(manager)
    client.post(reverse("evidence:verify", args=[evidence.pk]))
    evidence.refresh_from_db()
    assert evidence.status == Status.VERIFIED
    steps = list(evidence.transitions.values_list("from_status", "to_status", "actor__username"))
    assert steps == [
        ("", "draft", "staff"),
        ("draft", "submitted", "staff"),
        ("submitted", "returned", "manager"),
        ("returned", "submitted", "staff"),
        ("submitted", "verified", "manager"),
    ]
    page = client.get(evidence.get_absolute_url())
    html = page.content.decode()
    assert "Name the source." in html
    changes = page.context["changes"]
    assert len(changes) == 1
    _when, who, fields = changes[0]
    assert who == evidence.author
    assert [(str(label), old, new) for label, old, new in fields] == [
        ("source citation", "—", "Tahoua court register, 2018")
    ]
    assert "Tahoua court register, 2018" in html


def test_the_item_page_shows_field_changes_with_readable_values(client_for, staff, mali):
    evidence = services.create_evidence(
        author=staff,
        data={
            "date": "2017-01-01",
            "country": mali,
            "sub_objective": EvidenceFactory.sub_objective.function(),
            "title": "Old",
            "description": "D",
            "level": "local",
            "kind": "law",
            "rating": 1,
            "source_url": "https://example.org",
        },
    )
    services.update_evidence(
        evidence=evidence,
        actor=staff,
        version=evidence.version,
        data={"title": "New", "rating": 3, "level": "national"},
    )
    _when, _who, fields = client_for(staff).get(evidence.get_absolute_url()).context["changes"][0]
    readable = {str(label): (old, new) for label, old, new in fields}
    assert readable == {
        "title": ("Old", "New"),
        "level": ("Local / grassroots", "National"),
        "progress rating": ("Early signs", "Significant change"),
    }


def test_every_status_change_is_announced_inside_its_transaction(manager, staff):
    """Apps above evidence (notifications) act on `transition_recorded`; what they write
    commits or rolls back with the change itself."""
    from django.db import transaction

    from evidence.signals import transition_recorded

    heard = []

    def receiver(sender, transition, **kwargs):
        heard.append((transition.to_status, transaction.get_connection().in_atomic_block))

    submitted = EvidenceFactory(author=staff, status=Status.SUBMITTED)
    transition_recorded.connect(receiver)
    try:
        services.verify_evidence(evidence=submitted, actor=manager)
    finally:
        transition_recorded.disconnect(receiver)
    assert heard == [(Status.VERIFIED, True)]
