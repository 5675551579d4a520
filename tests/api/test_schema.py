"""The OpenAPI description is valid, generated without a warning, and describes exactly
the endpoints the URLconf serves."""

import re

import yaml
from django.core.management import call_command
from django.urls import reverse

from api import urls as api_urls


def _schema(client):
    answer = client.get(reverse("api:schema"), {"format": "json"})
    assert answer.status_code == 200
    return answer.json()


def test_the_schema_is_valid_and_warning_free(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_schema_describes_every_endpoint_and_no_other(db, client):
    paths = set(_schema(client)["paths"])
    served = set()
    for pattern in api_urls.router.urls:
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        if not route:
            continue  # the API root lists the others
        route = re.sub(r"\(\?P<(\w+)>[^)]+\)", r"{\1}", route)
        # drf-spectacular names a primary key by its field, id.
        served.add(f"/api/v1/{route}".replace("{pk}", "{id}"))
    assert paths == served


def test_the_schema_is_public_and_names_the_token_scheme(db, client):
    schema = _schema(client)
    assert schema["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"
    assert schema["info"]["version"] == "1"
    assert yaml.safe_load(client.get(reverse("api:schema")).content)["openapi"].startswith("3.")


def test_the_docs_page_is_served_from_the_site_for_signed_in_readers(client_for, staff, client):
    page = client_for(staff).get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()
    # The strict Content-Security-Policy allows no inline script or style.
    assert "<script>" not in html and "<style>" not in html
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "img-src 'self' data:" in policy
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
    client.logout()
    assert client.get(reverse("api:docs")).status_code == 302
