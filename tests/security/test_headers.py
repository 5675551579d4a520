"""Security headers and cookies on real responses, and a clean `check --deploy`."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_SETTINGS = "strategy_tracker.settings"
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def production(tmp_path, *args):
    """Run manage.py, or a Python snippet, with DEBUG off and production variables set."""
    environment = {
        k: v
        for k, v in os.environ.items()
        # Test-only switches (the browser tests allow async-unsafe calls) stay behind.
        if not k.startswith(("SECURE_", "AXES_"))
        and k not in {"BEHIND_TLS_PROXY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DEBUG="off",
        SECRET_KEY="a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef",
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # The settings module the tests run with, loaded afresh with production variables.
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS),
    )
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Signs in through the real middleware stack with production settings and reports the
# headers and cookies. Static files use the plain storage so no collectstatic is needed.
REQUESTS = """
import json, django
from django.test.utils import setup_test_environment, override_settings
django.setup()
setup_test_environment()
from django.core.management import call_command
from django.test import Client
from accounts.models import User
call_command("migrate", verbosity=0)
User.objects.create_user("amina", password="a long enough passphrase")
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=storages):
    client = Client(HTTP_HOST="tracker.example.org")
    insecure = client.get("/accounts/login/")
    page = client.get("/accounts/login/", secure=True)
    signed_in = client.post(
        "/accounts/login/",
        {"username": "amina", "password": "a long enough passphrase"},
        secure=True,
    )
def cookie(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"]}
print(json.dumps({
    "insecure": [insecure.status_code, insecure.get("Location")],
    "status": page.status_code,
    "headers": dict(page.headers),
    "signed_in": signed_in.status_code,
    "csrf": cookie(page, "csrftoken"),
    "session": cookie(signed_in, "sessionid"),
}))
"""


def test_check_deploy_reports_nothing_in_production(tmp_path):
    result = production(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_responses_carry_the_security_headers_and_cookie_flags(tmp_path):
    result = production(tmp_path, "-c", REQUESTS)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["insecure"] == [301, "https://tracker.example.org/accounts/login/"]
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert directives(headers["Content-Security-Policy"]) == POLICY
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert seen["signed_in"] == 302
    assert seen["csrf"]["secure"]
    assert seen["session"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_every_page_forbids_inline_script_and_style(client_for, staff):
    client = client_for(staff)
    for url in [reverse("login"), reverse("home"), reverse("password_change")]:
        policy = client.get(url).headers["Content-Security-Policy"]
        assert directives(policy) == POLICY, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_session_cookie_is_out_of_reach_of_scripts(client, staff):
    client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    assert client.cookies["sessionid"]["httponly"]
