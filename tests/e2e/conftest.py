"""End-to-end tests in a real Chromium, driven by Playwright against Django's live server.

The browser is Debian's Chromium (no browser download). Without it the tests are skipped
with the reason in plain words, except when REQUIRE_BROWSER is set (CI): then a missing
browser is a failure, never a skip.

Every test here runs against `live_server`, so its data is committed for the server's
thread to see (pytest-django's transactional_db). Each test ends by emptying the
database; `serialized_rollback` puts back what the migrations created (the role groups)
for the next test.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
# (number of browser tests, why they are skipped), when they are.
_skipped_key = pytest.StashKey[tuple]()


def _browser_missing_reason():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (install Debian's chromium package to run them)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install installs it)"
    return None


def _is_browser_test(item):
    return HERE in item.path.parents


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if _is_browser_test(item)]
    reason = _browser_missing_reason() if browser_tests else None
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests are required here but cannot run: {reason}.")
    skip = pytest.mark.skip(reason=f"Browser tests skipped: {reason}.")
    for item in browser_tests:
        item.add_marker(skip)
    config.stash[_skipped_key] = (len(browser_tests), reason)


def pytest_terminal_summary(terminalreporter, config):
    """Say in one line why the browser tests did not run (the -q summary does not)."""
    if _skipped_key in config.stash:
        count, reason = config.stash[_skipped_key]
        terminalreporter.write_line(f"{count} browser tests skipped: {reason}.", yellow=True)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests; each test opens its own contexts.

    Playwright's sync API keeps an event loop marked as running in this thread while it
    is started. Django then takes the test's own ORM calls (fixtures, assertions) for
    async code: it would refuse them, and would give them database connections of their
    own, apart from the ones the test database was set up on and the live server shares.
    Those calls are synchronous, so they are allowed, and they keep this thread's
    connections.
    """
    from playwright.sync_api import sync_playwright

    own = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in own.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _e2e_database(django_db_serialized_rollback):
    """Browser tests share the live server's committed data (see the module's doc)."""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Attachments uploaded through the browser go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(user=None, viewport=DESKTOP, locale="en-GB", **options)`: a page in a fresh
    browser context (its own cookies and cache) on the live server; with a user, already
    signed in by session cookie. Options go to Playwright's `new_context`."""
    contexts = []

    def open_page(user=None, *, viewport=DESKTOP, locale="en-GB", **options):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale=locale, **options
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            name = django_settings.SESSION_COOKIE_NAME
            session = client.cookies[name].value
            context.add_cookies([{"name": name, "value": session, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A signed-out page at desktop width."""
    return new_page()


@pytest.fixture
def signed_in_page(new_page):
    """`signed_in_page(user, viewport=DESKTOP)`: a page already signed in as the user
    (by session cookie; sign-in through the form is tested in test_journeys.py)."""

    def open_page(user, *, viewport=DESKTOP):
        return new_page(user, viewport=viewport)

    return open_page


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(screenshot_dir):
    """`screenshot(page, name)`: save the whole page as test-artifacts/screenshots/NAME.png."""

    def take(page, name, *, full_page=True):
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return take
