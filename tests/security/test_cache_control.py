"""Nothing shown to a signed-in user is kept by a browser or proxy cache: every response
to them says `Cache-Control: private, no-store`, whatever the view (one middleware)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from evidence.models import Evidence

from ..factories import EvidenceFactory, PlaceFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def item(staff, niger, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = EvidenceFactory(
        author=staff, country=niger, status=Evidence.Status.VERIFIED, date=datetime.date(2018, 1, 1)
    )
    evidence.attachment.save("x.pdf", ContentFile(PDF))
    return evidence


def pages(item):
    place = PlaceFactory(country=item.country, name="Tahoua")
    return [
        reverse("home"),
        reverse("account"),
        reverse("evidence:list"),
        reverse("evidence:list") + "?q=cases",
        reverse("evidence:detail", args=[item.pk]),
        reverse("evidence:attachment", args=[item.pk]),
        reverse("evidence:queue"),
        reverse("countries:detail", args=["ne"]),
        reverse("dashboard:index"),
        reverse("dashboard:country", args=["ne"]),
        reverse("dashboard:sub_objective", args=[item.sub_objective_id]),
        reverse("dashboard:export_matrix", args=["csv"]),
        reverse("dashboard:export_evidence", args=["xlsx"]),
        reverse("resilience:index"),
        reverse("resilience:place", args=[place.pk]),
        reverse("resilience:place_export", args=[place.pk, "csv"]),
        reverse("resilience:compare_export", args=["xlsx"]),
        reverse("resilience:resources"),
        reverse("admin:index"),
        "/no-such-page/",
    ]


@pytest.mark.parametrize("who", ["manager", "staff", "superuser", "outsider"])
def test_every_response_to_a_signed_in_user_is_private_and_not_stored(
    client_for, request, item, who
):
    client = client_for(request.getfixturevalue(who))
    for url in pages(item):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", (who, url, response.status_code)
