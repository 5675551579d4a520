"""Sign-in, sign-out and passwords: the only pages open without signing in are the
sign-in and password-reset pages (and the language switch they carry)."""

import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_pages_require_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/"


def test_the_sign_in_and_reset_pages_are_open(client, db):
    for name in ["login", "password_reset", "password_reset_done", "password_reset_complete"]:
        assert client.get(reverse(name)).status_code == 200, name


def test_the_language_can_be_changed_before_signing_in(client, db):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/"


def test_signing_in_and_out(client, staff):
    response = client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_is_refused_next_to_the_form(client, staff):
    response = client.post(reverse("login"), {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_a_user_changes_their_password(client_for, staff):
    client = client_for(staff)
    new = "a much longer new passphrase"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(new)


def test_password_reset_sends_a_working_link_by_email(client, staff):
    client.post(reverse("password_reset"), {"email": staff.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    new = "another long passphrase"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(new)


def test_the_password_change_page_shows_its_form(client_for, staff):
    page = client_for(staff).get(reverse("password_change")).content.decode()
    assert 'name="old_password"' in page
    assert "Change password</button>" in page


def test_a_used_or_forged_reset_link_says_so_and_offers_a_new_one(client, staff):
    url = reverse("password_reset_confirm", args=["MQ", "set-password"])
    page = client.get(url).content.decode()
    assert "This link is no longer valid" in page
    assert 'name="new_password1"' not in page
    assert reverse("password_reset") in page
