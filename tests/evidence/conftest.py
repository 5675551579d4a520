import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.models import SubObjective

# The first bytes of a few kinds of file: enough for content detection.
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 120


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded attachments go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sub_objective(strategy):
    """Sub-objective 1.1 of the 2015–2020 strategy."""
    return SubObjective.objects.get(objective__strategy=strategy, objective__number=1, number=1)


def upload(name="report.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def evidence_data(niger, sub_objective):
    """Valid POST data for the evidence form (Niger, sub-objective 1.1), as a draft."""

    def make(**overrides):
        data = {
            "date": "2018-10-09",
            "country": str(niger.pk),
            "sub_objective": str(sub_objective.pk),
            "title": "Prosecutors open cases under the penal code",
            "description": "Three cases opened in Tahoua after the partner's legal clinic.",
            "level": "national",
            "kind": "practice",
            "rating": "3",
            "source_url": "https://example.org/report",
            "source_citation": "",
            "triangulation": "on",
            "action": "draft",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
