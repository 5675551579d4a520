"""The report, read as its readers read it: the PDF's text (pypdf) and pages (rendered to
PNG), and the print-ready page. Confidential evidence counts but is never named."""

import datetime
import io
import pathlib

import pypdf
import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.models import Evidence
from reports import tasks
from reports.models import Narrative, ReportFile
from tests.tables import body_of

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


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def generated_pdf(client, query=QUERY):
    """Ask for the PDF as the report page's button does, let the worker's task generate
    it, and download it from the page the manager is sent to."""
    response = client.post(reverse("reports:report_pdf"), query)
    report = ReportFile.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.status == ReportFile.Status.QUEUED
    tasks.generate_pdf.call(report.pk)
    assert "Download" in client.get(report.get_absolute_url()).content.decode()
    download = client.get(reverse("reports:report_file_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    return body_of(download)


def pdf_text(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return " ".join(text.split())


def test_the_pdf_holds_the_headline_countries_evidence_and_narratives(client_for, manager, story):
    reader, text = pdf_text(generated_pdf(client_for(manager)))
    text = flat(text)
    assert "2 of 10" in text
    assert "Counts towards the headline since 14 Feb 2018" in text
    assert "Niger adopts a national action plan" in text
    assert "Counts towards the headline since 2 May 2019, because of: a confidential item" in text
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
    document = pypdfium2.PdfDocument(generated_pdf(client_for(manager)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(document, start=1):
        image = page.render(scale=1).to_pil().convert("L")
        assert page.get_size() == pytest.approx((595.3, 841.9), abs=1)  # A4 in points
        assert image.getextrema()[0] < 100  # something is drawn in dark ink
        image.save(ARTIFACTS / f"page-{number:02d}.png")


def test_the_report_in_french(client_for, manager, story):
    _reader, text = pdf_text(generated_pdf(client_for(manager), {**QUERY, "language": "fr"}))
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


@pytest.mark.parametrize("name", ["reports:report", "reports:index"])
@pytest.mark.parametrize("user", ["staff", "other_staff", "outsider"])
def test_only_managers_read_the_report(client_for, request, story, name, user):
    response = client_for(request.getfixturevalue(user)).get(reverse(name), QUERY)
    assert response.status_code == 403
    assert b"Niger adopts" not in response.content


@pytest.mark.parametrize("user", ["staff", "other_staff", "outsider"])
def test_only_managers_ask_for_or_download_a_pdf(client_for, request, manager, story, user):
    client = client_for(request.getfixturevalue(user))
    assert client.post(reverse("reports:report_pdf"), QUERY).status_code == 403
    assert not ReportFile.objects.exists()
    generated_pdf(client_for(manager))
    report = ReportFile.objects.get()
    client = client_for(request.getfixturevalue(user))
    assert client.get(report.get_absolute_url()).status_code == 403
    download = client.get(reverse("reports:report_file_download", args=[report.pk]))
    assert download.status_code == 403


def test_a_pdf_is_asked_for_with_a_post_only(client_for, manager, story):
    assert client_for(manager).get(reverse("reports:report_pdf"), QUERY).status_code == 405


def test_the_pdf_is_generated_by_the_task_worker(client_for, manager, run_queued_tasks, story):
    client = client_for(manager)
    client.post(reverse("reports:report_pdf"), QUERY)
    report = ReportFile.objects.get()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "being generated" in page and 'data-follow-status="queued"' in page
    assert "js/follow-status.js" in page  # no timed refresh of the whole page
    run_queued_tasks()
    report.refresh_from_db()
    assert report.status == ReportFile.Status.READY
    assert report.file.read().startswith(b"%PDF")


def test_pdfs_kept_longer_than_the_setting_are_deleted_with_their_files(
    client_for, manager, run_queued_tasks, story, settings
):
    client = client_for(manager)
    client.post(reverse("reports:report_pdf"), QUERY)
    run_queued_tasks()
    old = ReportFile.objects.get()
    stored = pathlib.Path(old.file.path)
    assert stored.exists()
    long_ago = timezone.now() - datetime.timedelta(days=settings.REPORT_FILES_KEEP_DAYS, hours=1)
    ReportFile.objects.filter(pk=old.pk).update(requested_at=long_ago)
    client.post(reverse("reports:report_pdf"), {**QUERY, "as_of": "2019-12-31"})
    run_queued_tasks()
    assert list(ReportFile.objects.values_list("as_of", flat=True)) == [datetime.date(2019, 12, 31)]
    assert not stored.exists()


@pytest.mark.parametrize(
    "query", [{"as_of": "not a date", "language": "en"}, {"as_of": "2020-12-31", "language": "de"}]
)
def test_a_bad_date_or_language_is_refused(client_for, manager, strategy, query):
    client = client_for(manager)
    assert client.post(reverse("reports:report_pdf"), query).status_code == 400
    assert client.get(reverse("reports:report"), query).status_code == 400
    assert not ReportFile.objects.exists()


def test_the_report_choices_offer_each_year_end_and_both_languages(client_for, manager, strategy):
    html = client_for(manager).get(reverse("reports:index")).content.decode()
    assert "as_of=2018-12-31" in html
    assert "language=fr" in html and "language=en" in html


def test_the_report_makes_the_same_queries_however_much_evidence(
    client_for, manager, story, niger, strategy, django_assert_max_num_queries
):
    """It reads the roll-up's aggregates and the items it cites, never all evidence."""
    client = client_for(manager)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("reports:report"), QUERY)
    sub = strategy.objectives.get(number=2).sub_objectives.get(number=1)
    EvidenceFactory.create_batch(30, country=niger, sub_objective=sub)
    with django_assert_max_num_queries(40) as many:
        html = client.get(reverse("reports:report"), QUERY).content.decode()
    assert len(many) == len(few)
    assert html.count('<li id="evidence-') == 2 + 2  # at most two cited for the new cell


def test_the_report_choices_say_when_a_date_is_not_one_and_keep_the_input(
    client_for, manager, strategy
):
    response = client_for(manager).get(reverse("reports:index"), {"as_of": "=1+1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "That is not a date" in html
    assert 'value="=1+1"' in html
