"""One-click unsubscribe (RFC 8058): the link in an email's List-Unsubscribe header stops
that email's kinds for its recipient. A POST needs no sign-in and no CSRF token (mail
systems send neither); a GET only asks to confirm; a token that is not ours is a 404."""

import re

import pytest
from django.test import Client

from evidence import services
from notifications.emails import unsubscribe_token
from notifications.models import Delivery, Preference

from .test_delivery import data


def unsubscribe_path(message):
    link = re.fullmatch(r"<(.+)>", "".join(message["List-Unsubscribe"].split())).group(1)
    return link.removeprefix("https://tracker.example.org")


@pytest.fixture
def link(smtp, run_tasks, staff, manager, niger):
    """The unsubscribe address of the email telling the manager of a submission."""
    services.create_evidence(author=staff, data=data(niger), submit=True)
    run_tasks()
    return unsubscribe_path(smtp.only_to(manager))


def test_following_the_link_asks_to_confirm_and_changes_nothing(link, manager):
    response = Client().get(link)
    assert response.status_code == 200
    assert "Evidence submitted for verification" in response.content.decode()
    assert b'method="post"' in response.content
    assert not Preference.objects.exists()
    assert "no-store" in response.headers["Cache-Control"]


def test_a_one_click_post_unsubscribes_without_signing_in_or_a_csrf_token(
    link, manager, smtp, run_tasks, staff, niger
):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Preference.objects.get(user=manager, kind="submitted").delivery == Delivery.NEVER
    smtp.received.clear()
    services.create_evidence(author=staff, data=data(niger, title="Another"), submit=True)
    run_tasks()
    assert not smtp.to(manager)


def test_the_page_speaks_the_language_of_its_emails(link, manager):
    manager.language = "fr"
    manager.save()
    response = Client().get(link)
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize(
    "token",
    ["nonsense", "W1sxLCJzdWJtaXR0ZWQiXV0:1aaaaa:forged", "\x00", "a" * 5000],
)
def test_a_token_that_is_not_ours_is_a_404(db, token):
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 404
    assert not Preference.objects.exists()


def test_a_token_names_its_user_and_kinds_and_cannot_be_altered(manager, staff):
    token = unsubscribe_token(manager, ["submitted"])
    payload, rest = token.split(":", 1)
    altered = unsubscribe_token(staff, ["submitted"]).split(":", 1)[0] + ":" + rest
    assert Client().post(f"/notifications/unsubscribe/{altered}/").status_code == 404
    assert Client().post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert list(Preference.objects.values_list("user", "kind", "delivery")) == [
        (manager.pk, "submitted", Delivery.NEVER)
    ]
