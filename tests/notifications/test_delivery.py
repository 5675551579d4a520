"""Each notification reaches the people it is for, and no one else, through a real SMTP
server: in the recipient's language, as text and HTML, with a link to the item and the
one-click unsubscribe headers (RFC 8058); a confidential item named by number and
country alone."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from core.roles import COUNTRY_STAFF, MANAGERS
from evidence import services
from evidence.models import Evidence
from notifications.models import Delivery, FollowedCountry, Message, Preference
from objectives.models import SubObjective
from tests.factories import UserFactory

from .conftest import SITE_URL, html_of, subject_of, text_of

REASON = "Add the partner's report of the hearing in Tahoua."


def data(country, **overrides):
    return {
        "date": datetime.date(2018, 10, 9),
        "country": country,
        "sub_objective": SubObjective.objects.order_by("pk").first(),
        "title": "Prosecutors open cases under the penal code",
        "description": "Three cases opened after the partner's legal clinic.",
        "level": Evidence.Level.NATIONAL,
        "kind": Evidence.Kind.PRACTICE,
        "rating": Evidence.Rating.SOME_PROGRESS,
        "source_url": "https://example.org/report",
        **overrides,
    }


@pytest.fixture
def submitted(staff, niger):
    return services.create_evidence(author=staff, data=data(niger), submit=True)


def item_url(evidence):
    return f"{SITE_URL}/evidence/{evidence.pk}/"


def test_managers_who_follow_the_country_or_none_hear_of_a_submission(
    smtp, run_tasks, staff, manager, niger, india
):
    follows_niger = UserFactory(username="follows_niger", groups=[MANAGERS])
    FollowedCountry.objects.create(user=follows_niger, country=niger)
    follows_india = UserFactory(username="follows_india", groups=[MANAGERS])
    FollowedCountry.objects.create(user=follows_india, country=india)
    no_email = UserFactory(username="no_email", groups=[MANAGERS], email="")

    evidence = services.create_evidence(author=staff, data=data(niger), submit=True)
    run_tasks()

    recipients = sorted(address for to, _message in smtp.received for address in to)
    assert recipients == [follows_niger.email, manager.email]
    assert not smtp.to(follows_india) and not smtp.to(no_email) and not smtp.to(staff)
    message = smtp.only_to(manager)
    assert subject_of(message) == (
        f"{staff} submitted “Prosecutors open cases under the penal code” (Niger) for verification."
    )
    assert item_url(evidence) in text_of(message)
    assert f'href="{item_url(evidence)}"' in html_of(message)


def test_every_email_carries_the_one_click_unsubscribe_headers(smtp, run_tasks, submitted, manager):
    run_tasks()
    message = smtp.only_to(manager)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(.+)>", "".join(message["List-Unsubscribe"].split())).group(1)
    assert link.startswith(f"{SITE_URL}/notifications/unsubscribe/")
    assert link in text_of(message) and link in html_of(message)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["To"] == manager.email


def test_the_author_hears_of_a_return_with_its_reason_in_their_language(
    smtp, run_tasks, submitted, staff, manager
):
    staff.language = "fr"
    staff.save()
    services.return_evidence(evidence=submitted, actor=manager, reason=REASON)
    run_tasks()
    message = smtp.only_to(staff)
    assert subject_of(message) == (
        f"{manager} vous a renvoyé «\xa0Prosecutors open cases under the penal code\xa0» (Niger)."
    )
    text = text_of(message)
    assert text.startswith(f"Bonjour {staff.first_name},")
    assert REASON in text and item_url(submitted) in text
    assert '<html lang="fr">' in html_of(message) and escape(REASON) in html_of(message)
    # Managers hear of submissions, not of returns; the manager who acted hears nothing.
    assert [subject_of(m) for m in smtp.to(manager)] == [subject_of(smtp.to(manager)[0])]


def test_the_author_hears_of_a_verification(smtp, run_tasks, submitted, staff, manager):
    services.verify_evidence(evidence=submitted, actor=manager)
    run_tasks()
    message = smtp.only_to(staff)
    assert subject_of(message) == (
        f"{manager} verified “Prosecutors open cases under the penal code” (Niger): it now "
        "counts on the dashboard."
    )
    assert item_url(submitted) in text_of(message)


def test_a_confidential_item_is_named_by_its_number_and_country_alone(
    smtp, run_tasks, staff, manager, niger
):
    secret = services.create_evidence(
        author=staff,
        data=data(niger, title="Survivor named in court", confidential=True),
        submit=True,
    )
    services.return_evidence(evidence=secret, actor=manager, reason="The survivor's name shows.")
    run_tasks()
    for message in [smtp.only_to(manager), smtp.only_to(staff)]:
        whole = f"{message['Subject']}\n{text_of(message)}\n{html_of(message)}"
        assert f"confidential item no. {secret.pk} (Niger)" in whole
        assert "Survivor" not in whole and "survivor" not in whole
        assert "Three cases" not in whole
        assert item_url(secret) in whole


def test_a_comment_reaches_the_others_who_take_part_and_no_one_else(
    smtp, run_tasks, submitted, staff, manager, other_staff
):
    bystander = UserFactory(username="bystander", groups=[MANAGERS])
    colleague = UserFactory(
        username="colleague", groups=[COUNTRY_STAFF], countries=[submitted.country]
    )
    services.return_evidence(evidence=submitted, actor=manager, reason=REASON)
    run_tasks()
    smtp.received.clear()

    services.post_comment(evidence=submitted, author=staff, text="Which hearing do you mean?")
    run_tasks()
    assert [to for to, _message in smtp.received] == [[manager.email]]
    message = smtp.only_to(manager)
    assert "Which hearing do you mean?" in text_of(message)
    assert f"{item_url(submitted)}#conversation" in text_of(message)
    assert not smtp.to(bystander) and not smtp.to(colleague) and not smtp.to(other_staff)

    smtp.received.clear()
    services.post_comment(evidence=submitted, author=manager, text="The one in March.")
    run_tasks()
    assert [to for to, _message in smtp.received] == [[staff.email]]


def test_nobody_is_emailed_about_a_kind_they_chose_never_to_hear_of(
    smtp, run_tasks, staff, manager, niger
):
    Preference.objects.create(user=manager, kind="submitted", delivery=Delivery.NEVER)
    services.create_evidence(author=staff, data=data(niger), submit=True)
    run_tasks()
    assert smtp.received == []
    assert not Message.objects.exists()


def test_an_email_about_an_item_its_recipient_may_no_longer_see_is_not_sent(
    smtp, run_tasks, submitted, manager
):
    run_tasks(at_most=1)  # who hears of the submission: the manager
    manager.groups.clear()
    run_tasks()  # the email, once the manager may no longer see the item
    assert smtp.received == []
    assert Message.objects.get(recipient=manager).status == Message.Status.EMPTY


def test_submitting_returning_and_verifying_only_queue_work_for_later(
    smtp, client_for, staff, manager, niger, run_tasks
):
    evidence = services.create_evidence(author=staff, data=data(niger))
    client_for(staff).post(reverse("evidence:submit", args=[evidence.pk]))
    client_for(manager).post(reverse("evidence:return", args=[evidence.pk]), {"reason": REASON})
    assert smtp.received == []
    assert not Message.objects.exists()
    queued = DBTaskResult.objects.values_list("task_path", "args_kwargs")
    assert [(path, arguments["args"][0]) for path, arguments in queued.order_by("enqueued_at")] == [
        ("notifications.tasks.fan_out", "submitted"),
        ("notifications.tasks.fan_out", "returned"),
    ]
    run_tasks()
    assert smtp.to(manager) and smtp.to(staff)
