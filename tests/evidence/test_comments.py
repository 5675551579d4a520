"""The conversation on an item: the reason of a return starts it, the author answers when
resubmitting, and the author and managers write to each other. Others who see the item
see the status steps alone; no one reads a comment written when they could not have
seen the item (the history rule)."""

import pytest
from django.urls import reverse

from core.roles import COUNTRY_STAFF
from evidence import access, services
from evidence.models import Comment, Evidence
from tests.factories import EvidenceFactory, UserFactory

Status = Evidence.Status
REASON = "Add the report of the partner."


@pytest.fixture
def returned(staff, manager):
    evidence = EvidenceFactory(author=staff, status=Status.SUBMITTED)
    services.return_evidence(evidence=evidence, actor=manager, reason=REASON)
    return evidence


def conversation(client, evidence):
    return client.get(evidence.get_absolute_url()).context["conversation"]


def test_a_return_s_reason_starts_the_conversation_and_the_author_answers_on_resubmitting(
    client_for, returned, staff, manager
):
    author = client_for(staff)
    page = author.get(returned.get_absolute_url()).content.decode()
    assert 'id="conversation"' in page and REASON in page
    response = author.post(
        reverse("evidence:submit", args=[returned.pk]), {"answer": "Attached it to the item."}
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Status.SUBMITTED
    answer = Comment.objects.get()
    assert (answer.author, answer.item_status) == (staff, Status.RETURNED)
    entries = conversation(client_for(manager), returned)
    assert [(e.who, e.text, e.is_return) for e in entries] == [
        (manager, REASON, True),
        (staff, "Attached it to the item.", False),
    ]


def test_the_author_and_managers_write_to_each_other(client_for, returned, staff, manager):
    client_for(manager).post(reverse("evidence:comment", args=[returned.pk]), {"text": "Thanks."})
    response = client_for(staff).post(
        reverse("evidence:comment", args=[returned.pk]), {"text": "Will do."}
    )
    assert response["Location"].endswith("#conversation")
    texts = [entry.text for entry in conversation(client_for(staff), returned)]
    assert texts == [REASON, "Thanks.", "Will do."]


def test_a_resubmission_without_an_answer_adds_no_comment(client_for, returned, staff):
    client_for(staff).post(reverse("evidence:submit", args=[returned.pk]), {"answer": "  "})
    returned.refresh_from_db()
    assert returned.status == Status.SUBMITTED and not Comment.objects.exists()


def test_staff_of_the_same_country_see_the_item_but_not_its_conversation(
    client_for, returned, staff, manager, niger
):
    services.submit_evidence(evidence=returned, actor=staff, answer="Done.")
    colleague = UserFactory(username="colleague", groups=[COUNTRY_STAFF], countries=[niger])
    client = client_for(colleague)
    response = client.get(returned.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Done." not in html and REASON not in html and 'id="conversation"' not in html
    post = client.post(reverse("evidence:comment", args=[returned.pk]), {"text": "Me too"})
    assert post.status_code == 403


def test_staff_of_another_country_cannot_read_or_write_the_conversation(
    client_for, returned, staff, other_staff
):
    services.submit_evidence(evidence=returned, actor=staff, answer="Done.")
    client = client_for(other_staff)
    assert "Done." not in client.get(returned.get_absolute_url()).content.decode()
    response = client.post(reverse("evidence:comment", args=[returned.pk]), {"text": "Hi"})
    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_nobody_reads_or_writes_on_a_confidential_item_of_a_country_not_theirs(
    client_for, staff, manager, other_staff
):
    secret = EvidenceFactory(author=staff, status=Status.SUBMITTED, confidential=True)
    services.post_comment(evidence=secret, author=manager, text="Secret detail")
    client = client_for(other_staff)
    assert client.get(secret.get_absolute_url()).status_code == 404
    response = client.post(reverse("evidence:comment", args=[secret.pk]), {"text": "Hi"})
    assert response.status_code == 404


def test_someone_with_no_role_reaches_no_conversation(client_for, returned, outsider):
    client = client_for(outsider)
    assert client.get(returned.get_absolute_url()).status_code == 404
    response = client.post(reverse("evidence:comment", args=[returned.pk]), {"text": "Hi"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_there_is_no_conversation_on_a_draft(client_for, staff):
    draft = EvidenceFactory(author=staff, status=Status.DRAFT)
    response = client_for(staff).post(reverse("evidence:comment", args=[draft.pk]), {"text": "x"})
    assert response.status_code == 403


def test_a_comment_written_when_a_reader_could_not_see_the_item_is_not_shown_to_them(
    manager, staff, returned
):
    """The history rule, as the conversation applies it: a comment keeps the item's state
    when it was written, and a reader who could not have seen that state does not read it,
    even one who takes part now (here a manager, as the item was a draft)."""
    then = Comment.on(returned, author=staff, text="Before submitting")
    then.item_status = Status.DRAFT
    then.save()
    now = Comment.on(returned, author=staff, text="After returning")
    now.save()
    assert not access.can_read_comment(manager, then)
    assert access.can_read_comment(manager, now)
    assert access.can_read_comment(staff, then)


@pytest.mark.parametrize("text", ["", "   ", "Bad\x00byte", "\u200b\u200b", "Bell\x07"])
def test_an_empty_or_hostile_comment_is_refused_next_to_the_field_and_kept(
    client_for, returned, staff, text
):
    response = client_for(staff).post(
        reverse("evidence:comment", args=[returned.pk]), {"text": text}
    )
    assert response.status_code == 400
    form = response.context["comment_form"]
    assert form.errors["text"]
    assert 'id="id_text_error"' in response.content.decode()
    assert form["text"].value() == text
    assert not Comment.objects.exists()


def test_a_hostile_answer_keeps_the_item_returned(client_for, returned, staff):
    response = client_for(staff).post(
        reverse("evidence:submit", args=[returned.pk]), {"answer": "Done\x1b[31m"}
    )
    assert response.status_code == 400
    assert response.context["answer_form"].errors["answer"]
    returned.refresh_from_db()
    assert returned.status == Status.RETURNED and not Comment.objects.exists()
