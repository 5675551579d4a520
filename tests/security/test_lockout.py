"""Repeated failed sign-ins lock out the account and the address for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def three_failures_lock_for_ten_minutes(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=10)


def sign_in(client, password, username="staff", address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, times, **kwargs):
    for _ in range(times):
        sign_in(client, "wrong password", **kwargs)


def test_failures_below_the_limit_are_form_errors(client, staff):
    for _ in range(2):
        response = sign_in(client, "wrong password")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_out_with_a_clear_message(client, staff):
    fail(client, 2)
    assert sign_in(client, "wrong").status_code == 429
    response = sign_in(client, "still wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page
    assert "There were 3 failed sign-ins for this account or from this address" in page
    assert "Try again in 10 minutes" in page


def test_the_correct_password_is_refused_during_lockout(client, staff):
    fail(client, 3)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_the_account_is_locked_from_another_address_too(client, staff):
    fail(client, 3, address="203.0.113.7")
    assert sign_in(client, PASSWORD, address="198.51.100.9").status_code == 429


def test_an_address_is_locked_for_every_account(client, staff, other_staff):
    fail(client, 3, username="staff")
    assert sign_in(client, PASSWORD, username="other_staff").status_code == 429
    elsewhere = sign_in(client, PASSWORD, username="other_staff", address="198.51.100.9")
    assert elsewhere.status_code == 302


def test_after_the_cool_off_the_correct_password_works_again(client, staff):
    fail(client, 3)
    assert sign_in(client, PASSWORD).status_code == 429
    # Let the cool-off pass: move the recorded failures eleven minutes into the past.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=11)
        attempt.save()
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, staff, other_staff, settings):
    settings.BEHIND_TLS_PROXY = True
    # Same proxy address for everyone; a forged left-most entry does not help either.
    fail(client, 3, username="staff", address="10.0.0.1")
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.9"}
    response = client.post(
        reverse("login"),
        {"username": "other_staff", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        **forwarded,
    )
    assert response.status_code == 302
