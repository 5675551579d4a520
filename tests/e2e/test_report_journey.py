"""The report in a real browser: staff write a narrative, a manager approves it, finds
which countries count and why, and downloads the PDF that the task worker made."""

import datetime
import io

import pypdf
from playwright.sync_api import expect

from core.roles import COUNTRY_STAFF
from evidence.models import Evidence
from reports import tasks
from reports.models import ReportFile
from tests.factories import EvidenceFactory, UserFactory


def test_a_narrative_written_approved_and_read_in_the_pdf(
    signed_in_page, new_page, manager, strategy, niger, screenshot
):
    writer = UserFactory(username="writer", groups=[COUNTRY_STAFF], countries=[niger])
    EvidenceFactory(
        country=niger,
        sub_objective=strategy.objectives.get(number=1).sub_objectives.get(number=1),
        rating=Evidence.Rating.SIGNIFICANT,
        kind=Evidence.Kind.PRACTICE,
        date=datetime.date(2018, 10, 9),
        title="Prosecutors open cases under the penal code",
    )
    staff = signed_in_page(writer)
    staff.goto("/")
    staff.get_by_role("navigation", name="Main").get_by_role("link", name="Narratives").click()
    staff.locator('a[href^="/reports/narratives/ne/2018/"]').click()
    staff.get_by_label("In English").fill("Prosecutions began under the penal code.")
    staff.get_by_role("button", name="Submit for approval").click()
    expect(staff.get_by_role("main")).to_contain_text("Submitted")

    boss = new_page(manager)
    boss.goto("/reports/narratives/")
    boss.get_by_role("link", name="Niger 2018", exact=True).click()
    boss.get_by_role("button", name="Approve").click()
    expect(boss.get_by_role("status").first).to_contain_text("Narrative approved")

    boss.goto("/dashboard/?as_of=2020-12-31")
    boss.get_by_role("link", name="Which countries count, since when, on what evidence").click()
    expect(boss.get_by_role("table")).to_contain_text("Prosecutors open cases")
    screenshot(boss, "journey-e-1-countries-that-count")

    boss.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    boss.get_by_role("link", name="End of 2020").click()
    boss.get_by_role("button", name="PDF in English").click()
    expect(boss.get_by_role("status").first).to_contain_text("being generated")
    tasks.generate_pdf.call(ReportFile.objects.get().pk)
    boss.reload()
    with boss.expect_download() as download:
        boss.get_by_role("link", name="Download").click()
    pdf = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Prosecutions began under the penal code." in text
    assert "Counts towards the headline since 9 Oct 2018" in text
