"""Static files as production serves them: collected under content-hashed names, linked by
those names from every page, served by whitenoise from the app itself (no CDN), compressed
and cached for a year, so a slow link fetches the stylesheet once per release."""

import re

from django.core.management import call_command
from django.test import Client, override_settings

from .factories import UserFactory

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
ONE_YEAR_OR_MORE = re.compile(r"max-age=(\d+)")


def test_pages_link_hashed_assets_that_are_cached_for_a_year_and_compressed(db, tmp_path):
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        page = client.get("/accounts/login/").content.decode()
        links = re.findall(r'href="(/static/[^"]+)"', page)
        assert {re.sub(r"\.[0-9a-f]{12}\.", ".", link) for link in links} == {
            "/static/css/app.css",
            "/static/img/favicon.svg",
        }
        assert all(re.search(r"\.[0-9a-f]{12}\.(css|svg)$", link) for link in links)

        stylesheet = next(link for link in links if link.endswith(".css"))
        response = client.get(stylesheet, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        cache_control = response["Cache-Control"]
        assert "immutable" in cache_control
        assert int(ONE_YEAR_OR_MORE.search(cache_control).group(1)) >= 365 * 24 * 3600
        # Signed in, the pages are never stored, but the assets keep their year.
        client.force_login(UserFactory())
        cache_control = client.get(stylesheet)["Cache-Control"]
        assert int(ONE_YEAR_OR_MORE.search(cache_control).group(1)) >= 365 * 24 * 3600
        # Served by the app itself: nothing on the page comes from another host.
        assert not re.search(r'(src|href)="(https?:)?//', page)
