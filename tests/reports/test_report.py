"""The report, read as its readers read it: the PDF's text (pypdf) and pages (rendered to
PNG), and the print-ready page. Confidential evidence counts but is never named."""

import datetime
import io
import pathlib

import pypdf
import pypdfium2
import pytest
from django.urls import reverse

from evidence.models import Evidence
from reports.models import Narrative

from ..factories import EvidenceFactory

Rating, Kind, Level = Evidence.Rating, Evidence.Kind, Evidence.Level
QUERY = {"as_of": "2020-12-31", "language": "en"}
ARTIFACTS = pathlib.Path("test-artifacts/report")


@pytest.fixture
def story(strategy, niger, mali, india, staff):
    """Niger counts since 14 Feb 2018 by a public policy; India counts only by a
    confidential item; Mali has significant change at local level only (does not count)."""
    subs = list(strategy.objectives.get(number=1).sub_objectives.order_by("number"))
    EvidenceFactory(
        country=niger,
        sub_objective=subs[0],
        rating=Rating.SIGNIFICANT,
        kind=Kind.POLICY,
        date=datetime.date(2018, 2, 14),
        title="Niger adopts a national action plan",
    )
    EvidenceFactory(
        country=india,
        sub_objective=subs[1],
        rating=Rating.SIGNIFICANT,
        kind=Kind.PRACTICE,
        date=datetime.date(2019, 5, 2),
        title="Secret survivor testimony",
        description="Names a survivor in Rajasthan",
        confidential=True,
    )
    EvidenceFactory(
        country=mali,
        sub_objective=subs[0],
        rating=Rating.SIGNIFICANT,
        level=Level.LOCAL,
        title="Mali village committee forms",
    )
    for year, status, text in [
        (2018, Narrative.Status.APPROVED, "Niger turned a corner in 2018."),
        (2019, Narrative.Status.SUBMITTED, "Not yet approved text."),
    ]:
        Narrative.objects.create(
            strategy=strategy, country=niger, year=year, text_en=text, status=status, author=staff
        )
    Narrative.objects.create(
        strategy=strategy,
        country=mali,
        year=2018,
        text_fr="Le Mali avance lentement.",
        status=Narrative.Status.APPROVED,
        author=staff,
    )


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return " ".join(text.split())


def test_the_pdf_holds_the_headline_countries_evidence_and_narratives(client_for, manager, story):
    response = client_for(manager).get(reverse("reports:report_pdf"), QUERY)
    reader, text = pdf_text(response)
    text = flat(text)
    assert "2 of 10" in text
    assert "Counts towards the headline since Feb. 14, 2018" in text
    assert "Niger adopts a national action plan" in text
    assert "Counts towards the headline since May 2, 2019, because of: a confidential item" in text
    assert "Niger turned a corner in 2018." in text
    assert "Le Mali avance lentement." in text  # only in French: shown, said so
    assert "Written in French only." in text
    assert "Not yet approved text." not in text
    assert "Secret survivor testimony" not in text
    assert "Names a survivor" not in text
    assert "1 confidential item counts in the figures but is not listed." in text
    assert "Generated on" in text and manager.get_full_name() in text
    assert "Appendix: evidence cited" in text and "Contents" in text
    # Page numbers and running headers on every page but the cover.
    second = flat(reader.pages[1].extract_text())
    assert f"2 / {len(reader.pages)}" in second and "Strategy 2015–2020" in second


def test_the_pdf_pages_render(client_for, manager, story):
    """Each page renders to a PNG (kept in test-artifacts/report/ to be looked at) that is
    not blank."""
    response = client_for(manager).get(reverse("reports:report_pdf"), QUERY)
    document = pypdfium2.PdfDocument(response.content)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(document, start=1):
        image = page.render(scale=1).to_pil().convert("L")
        assert page.get_size() == pytest.approx((595.3, 841.9), abs=1)  # A4 in points
        assert image.getextrema()[0] < 100  # something is drawn in dark ink
        image.save(ARTIFACTS / f"page-{number:02d}.png")


def test_the_report_in_french(client_for, manager, story):
    response = client_for(manager).get(reverse("reports:report_pdf"), {**QUERY, "language": "fr"})
    _reader, text = pdf_text(response)
    text = flat(text)
    assert "Le Mali avance lentement." in text
    assert "Niger turned a corner in 2018." in text
    assert "Rédigé en anglais seulement." in text
    assert "Secret survivor testimony" not in text


def test_the_print_ready_page_holds_the_same(client_for, manager, story):
    response = client_for(manager).get(reverse("reports:report"), QUERY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Niger adopts a national action plan" in html
    assert "Niger turned a corner in 2018." in html
    assert "Secret survivor testimony" not in html and "Names a survivor" not in html
    assert 'class="cell rating-3 qualifies"' in html
    assert "css/report.css" in html


def test_the_report_as_of_an_earlier_date_leaves_later_evidence_out(client_for, manager, story):
    html = client_for(manager).get(reverse("reports:report"), {**QUERY, "as_of": "2018-12-31"})
    html = html.content.decode()
    assert "1 of 10" in html
    assert "Niger turned a corner in 2018." in html


@pytest.mark.parametrize("name", ["reports:report", "reports:report_pdf", "reports:index"])
@pytest.mark.parametrize("user", ["staff", "other_staff", "outsider"])
def test_only_managers_read_the_report(client_for, request, story, name, user):
    response = client_for(request.getfixturevalue(user)).get(reverse(name), QUERY)
    assert response.status_code == 403
    assert b"Niger adopts" not in response.content


@pytest.mark.parametrize(
    "query", [{"as_of": "not a date", "language": "en"}, {"as_of": "2020-12-31", "language": "de"}]
)
def test_a_bad_date_or_language_is_refused(client_for, manager, strategy, query):
    assert client_for(manager).get(reverse("reports:report_pdf"), query).status_code == 400


def test_the_report_choices_offer_each_year_end_and_both_languages(client_for, manager, strategy):
    html = client_for(manager).get(reverse("reports:index")).content.decode()
    assert "as_of=2018-12-31" in html
    assert "language=fr" in html and "language=en" in html
