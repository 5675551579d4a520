"""An item's history never shows anyone what they could not have seen when it was written.

Values recorded while the item was a draft are shown only to its author and admins; values
recorded while it was confidential only to those who may read that country's confidential
evidence. Return reasons are feedback to the author: only the author, managers and admins
read them. The scenarios go through the real pages: log, edit, untick Confidential, submit,
verify.
"""

import re

import pytest
from django.urls import reverse

from core.roles import COUNTRY_STAFF
from evidence import history, services
from evidence.models import Evidence
from objectives.models import SubObjective
from tests.factories import EvidenceFactory, UserFactory

Status = Evidence.Status

ADDRESS = "Survivor lives at 12 rue des Palmiers, Tahoua"
REWRITTEN = "A survivor from Tahoua gave evidence in court."
REASON = "Take out the address on rue des Palmiers."
# The row of the content changes that says the item stopped being confidential.
UNTICKED = re.compile(
    r'<th scope="row">Confidential</th><td><span class="stack-label">Before</span> <span>Yes'
    r'</span></td><td><span class="stack-label">After</span> <span>No</span></td>'
)


@pytest.fixture
def colleague(niger):
    """Staff of the item's country (Niger) who did not write it."""
    return UserFactory(username="colleague", groups=[COUNTRY_STAFF], countries=[niger])


def _readers(staff, colleague, other_staff, manager, superuser):
    return {
        "author": staff,
        "staff of the same country": colleague,
        "staff of another country": other_staff,
        "manager": manager,
        "admin": superuser,
    }


def _page(client_for, user, evidence):
    response = client_for(user).get(evidence.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _verify(client_for, manager, evidence):
    response = client_for(manager).post(reverse("evidence:verify", args=[evidence.pk]))
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.status == Status.VERIFIED


def _edit_untick_and_submit(client_for, staff, evidence_data, evidence):
    """The author rewrites the description, unticks Confidential (an unticked box is not
    sent) and submits."""
    response = client_for(staff).post(
        reverse("evidence:edit", args=[evidence.pk]),
        evidence_data(
            description=REWRITTEN,
            action="submit",
            version=str(Evidence.objects.get(pk=evidence.pk).version),
        ),
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert (evidence.status, evidence.confidential) == (Status.SUBMITTED, False)


def _check(readers, client_for, evidence, expected):
    """`expected`: reader → (sees the old values, sees the return reason)."""
    seen = {}
    for name, user in readers.items():
        html = _page(client_for, user, evidence)
        seen[name] = (
            ADDRESS in html and bool(UNTICKED.search(html)),
            REASON in html,
        )
        if not seen[name][0]:
            assert ADDRESS not in html, name
            assert not UNTICKED.search(html), name
        assert REWRITTEN in html, name
    assert seen == expected


def test_a_confidential_items_earlier_values_are_shown_only_to_those_who_could_read_them(
    client_for, staff, colleague, other_staff, manager, superuser, outsider, evidence_data
):
    client = client_for(staff)
    response = client.post(
        reverse("evidence:new"),
        evidence_data(description=ADDRESS, confidential="on", action="submit"),
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    response = client_for(manager).post(
        reverse("evidence:return", args=[evidence.pk]), {"reason": REASON}
    )
    assert response.status_code == 302
    _edit_untick_and_submit(client_for, staff, evidence_data, evidence)
    _verify(client_for, manager, evidence)

    _check(
        _readers(staff, colleague, other_staff, manager, superuser),
        client_for,
        evidence,
        {
            "author": (True, True),
            # Niger's staff read the confidential item while it was submitted.
            "staff of the same country": (True, False),
            "staff of another country": (False, False),
            "manager": (True, True),
            "admin": (True, True),
        },
    )
    assert client_for(outsider).get(evidence.get_absolute_url()).status_code == 404


def test_a_drafts_earlier_values_are_shown_only_to_its_author_and_admins(
    client_for, staff, colleague, other_staff, manager, superuser, outsider, evidence_data
):
    response = client_for(staff).post(
        reverse("evidence:new"),
        evidence_data(description=ADDRESS, confidential="on", action="draft"),
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    _edit_untick_and_submit(client_for, staff, evidence_data, evidence)
    _verify(client_for, manager, evidence)

    _check(
        _readers(staff, colleague, other_staff, manager, superuser),
        client_for,
        evidence,
        {
            "author": (True, False),
            "staff of the same country": (False, False),
            "staff of another country": (False, False),
            "manager": (False, False),
            "admin": (True, False),
        },
    )
    assert client_for(outsider).get(evidence.get_absolute_url()).status_code == 404


def _data(country, **overrides):
    data = {
        "date": "2017-01-01",
        "country": country,
        "sub_objective": EvidenceFactory.sub_objective.function(),
        "title": "Court case opened",
        "description": ADDRESS,
        "level": "national",
        "kind": "practice",
        "rating": 1,
        "source_url": "https://example.org",
        "confidential": True,
    }
    data.update(overrides)
    return data


def _readable(changes):
    return [
        {str(label): (old, new) for label, old, new in fields} for _when, _who, fields in changes
    ]


def test_field_changes_compares_only_the_records_a_reader_could_see(
    staff, colleague, other_staff, manager, superuser, niger
):
    # Draft (confidential): title and description typed, then the title is reworded.
    evidence = services.create_evidence(author=staff, data=_data(niger))
    services.update_evidence(
        evidence=evidence, actor=staff, version=evidence.version, data={"title": "Case opened"}
    )
    # Submitted confidential, returned, then made public with a new description.
    services.submit_evidence(evidence=evidence, actor=staff)
    services.return_evidence(evidence=evidence, actor=manager, reason=REASON)
    services.update_evidence(
        evidence=evidence,
        actor=staff,
        version=evidence.version,
        data={"confidential": False, "description": REWRITTEN},
    )
    services.submit_evidence(evidence=evidence, actor=staff)
    # Verified, then nothing changes in content.
    services.verify_evidence(evidence=evidence, actor=manager)

    every_edit = [
        {"title": ("Court case opened", "Case opened")},
        {"description of the change": (ADDRESS, REWRITTEN), "confidential": ("Yes", "No")},
    ]
    assert _readable(history.field_changes(evidence, staff)) == every_edit
    assert _readable(history.field_changes(evidence, superuser)) == every_edit
    # Managers never saw the draft: its first version they saw is the baseline.
    public = [{"description of the change": (ADDRESS, REWRITTEN), "confidential": ("Yes", "No")}]
    assert _readable(history.field_changes(evidence, manager)) == public
    # Niger's staff did not see the item while it was returned: the submitted versions
    # either side of it are compared.
    assert _readable(history.field_changes(evidence, colleague)) == public
    # India's staff saw it only once it was public.
    assert history.field_changes(evidence, other_staff) == []


def test_field_changes_names_who_made_the_change_they_show(staff, manager, niger):
    evidence = services.create_evidence(
        author=staff, data=_data(niger, confidential=False), submit=True
    )
    services.return_evidence(evidence=evidence, actor=manager, reason=REASON)
    services.update_evidence(
        evidence=evidence, actor=staff, version=evidence.version, data={"title": "Case opened"}
    )

    [(_when, who, _fields)] = history.field_changes(evidence, manager)
    assert who == staff


def test_every_status_change_is_recorded_in_the_history_with_its_actor(staff, manager, niger):
    evidence = services.create_evidence(author=staff, data=_data(niger), submit=True)
    services.return_evidence(evidence=evidence, actor=manager, reason=REASON)
    services.submit_evidence(evidence=evidence, actor=staff)
    services.verify_evidence(evidence=evidence, actor=manager)

    records = evidence.history.order_by("history_id")
    assert [(r.status, r.history_user) for r in records] == [
        (Status.DRAFT, staff),
        (Status.SUBMITTED, staff),
        (Status.RETURNED, manager),
        (Status.SUBMITTED, staff),
        (Status.VERIFIED, manager),
    ]
    evidence.refresh_from_db()
    assert evidence.version == 5  # created at 1, bumped by each of the four moves


def test_only_the_author_managers_and_admins_read_return_reasons(
    client_for, staff, colleague, other_staff, manager, superuser, niger
):
    evidence = services.create_evidence(
        author=staff, data=_data(niger, confidential=False), submit=True
    )
    services.return_evidence(evidence=evidence, actor=manager, reason=REASON)
    services.submit_evidence(evidence=evidence, actor=staff)

    for reader in (staff, manager, superuser):
        assert REASON in _page(client_for, reader, evidence), reader
    for reader in (colleague, other_staff):
        html = _page(client_for, reader, evidence)
        assert REASON not in html, reader
        assert "Returned" in html, reader  # the step itself is shown


def test_the_item_page_query_count_does_not_grow_with_its_history(
    client_for, staff, manager, niger, django_assert_num_queries
):
    evidence = services.create_evidence(author=staff, data=_data(niger), submit=True)
    sub_objectives = list(SubObjective.objects.order_by("pk")[:2])

    def rework(times):
        for n in range(times):
            services.return_evidence(evidence=evidence, actor=manager, reason=f"{REASON} {n}")
            services.update_evidence(
                evidence=evidence,
                actor=staff,
                version=evidence.version,
                data={
                    "title": f"Case opened ({n})",
                    "sub_objective": sub_objectives[n % 2],
                    "rating": n % 4,
                },
            )
            services.submit_evidence(evidence=evidence, actor=staff, answer=f"Done ({n}).")

    client = client_for(manager)
    rework(2)
    # One more than the history's for the conversation (its comments, whatever their number).
    with django_assert_num_queries(8):
        client.get(evidence.get_absolute_url())
    rework(6)
    with django_assert_num_queries(8):
        html = client.get(evidence.get_absolute_url()).content.decode()
    assert "Case opened (5)" in html
    assert "Done (5)." in html
