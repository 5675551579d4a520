"""Production settings fail loudly instead of falling back to something insecure."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOW_DEBUG = (
    "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
)


def load_settings(**env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="strategy_tracker.settings")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            SHOW_DEBUG,
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
