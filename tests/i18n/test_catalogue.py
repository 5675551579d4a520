"""The French catalogue: every entry translated, valid for msgfmt, in step with the code,
and every placeholder kept. Checked with GNU gettext itself, which the build needs anyway
to compile the catalogue (`make install`)."""

import gettext
import os
import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

PO = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
COMPLETE = re.compile(r"\d+ translated messages?\.")


def _gettext_tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"GNU gettext's {name} is not installed (Debian package `gettext`): "
            "the French catalogue can be neither checked nor compiled."
        )
    return path


def _compile(po, mo):
    """msgfmt's statistics line, after checking the catalogue as msgfmt -c does."""
    result = subprocess.run(
        [_gettext_tool("msgfmt"), "--check", "--statistics", "-o", str(mo), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def test_every_entry_is_translated_and_the_catalogue_compiles(tmp_path):
    statistics = _compile(PO, tmp_path / "django.mo")
    # Anything fuzzy or untranslated adds to this line ("…, 2 untranslated messages.").
    assert COMPLETE.fullmatch(statistics), statistics
    assert int(statistics.split()[0]) > 400


def test_the_catalogue_holds_every_string_of_the_code_and_no_other(tmp_path):
    """makemessages run on a copy of the project adds nothing untranslated and drops
    nothing: a string added, changed or removed in the code shows up here."""
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        # Hidden folders hold the virtualenvs, git and caches; tests are not translated.
        ignore=shutil.ignore_patterns(
            ".*",
            "tests",
            "build",
            "staticfiles",
            "media",
            "backups",
            "test-artifacts",
            "node_modules",
            "__pycache__",
            "*.egg-info",
            "*.mo",
            "*.sqlite3",
        ),
    )
    _gettext_tool("xgettext")
    _gettext_tool("msgmerge")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete"],
        cwd=copy,
        env={**os.environ, "DEBUG": "on"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    regenerated = copy / PO.relative_to(settings.BASE_DIR)
    expected = _compile(PO, tmp_path / "committed.mo")
    assert _compile(regenerated, tmp_path / "regenerated.mo") == expected, (
        "The catalogue is out of step with the code: run `make messages`, translate the "
        "new entries in locale/fr/LC_MESSAGES/django.po, then `make install`."
    )


def test_translations_keep_their_placeholders_and_no_template_syntax(tmp_path):
    mo = tmp_path / "django.mo"
    _compile(PO, mo)
    with mo.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    checked = 0
    for key, translation in catalog.items():
        # Plural forms are keyed (msgid, n); a context is "context\x04msgid".
        msgid = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        if not msgid:
            continue  # the header
        assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(msgid)), (
            msgid,
            translation,
        )
        assert "{{" not in translation and "{%" not in translation, translation
        checked += 1
    assert checked > 400
