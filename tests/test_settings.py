"""Production settings fail loudly instead of falling back to something insecure."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOW_DEBUG = (
    "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
)


def load_settings(snippet=SHOW_DEBUG, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SITE_URL", "EMAIL_URL"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="strategy_tracker.settings")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            snippet,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_configuration_it_runs_locally_with_debug():
    result = load_settings(SECRET_KEY="", ALLOWED_HOSTS="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_without_secret_key_stops_and_names_it():
    result = load_settings(DEBUG="off", SECRET_KEY="", ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_without_allowed_hosts_stops_and_names_it():
    result = load_settings(DEBUG="off", SECRET_KEY="x" * 50, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_malformed_debug_stops_start_up():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_production_with_its_variables_starts():
    result = load_settings(DEBUG="off", SECRET_KEY="x" * 50, ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_site_url_that_is_not_an_address_stops_start_up():
    result = load_settings(SITE_URL="tracker.example.org")
    assert result.returncode != 0
    assert "SITE_URL must be an http(s) address" in result.stderr


def test_reminder_days_below_one_stop_start_up():
    result = load_settings(REMIND_WAITING_AFTER_DAYS="0")
    assert result.returncode != 0
    assert "REMIND_WAITING_AFTER_DAYS must be a whole number of days" in result.stderr


def test_email_goes_to_the_smtp_server_of_email_url():
    snippet = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.SITE_URL)"
    )
    result = load_settings(
        snippet,
        DEBUG="off",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="tracker.example.org",
        EMAIL_URL="smtp+tls://user:secret@smtp.example.org:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
        "https://tracker.example.org",
    ]
