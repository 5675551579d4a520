"""Whole journeys through the app in a real browser, as its users take them: sign in,
log and submit evidence with an attachment; return, resubmit and verify it, and see the
dashboard move; edit the strategy in the admin and see the dashboard follow.

Each journey saves screenshots of its key steps in test-artifacts/screenshots/.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from evidence import services
from evidence.models import Evidence
from objectives.models import SubObjective
from tests.conftest import PASSWORD


def tiny_pdf(text):
    """A small, valid one-page PDF showing `text` (ASCII), with a correct xref table."""
    content = f"BT /F1 18 Tf 36 72 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def sub_objective(code):
    objective, number = code.split(".")
    return SubObjective.objects.get(objective__number=objective, number=number)


def test_country_staff_signs_in_logs_evidence_with_a_pdf_and_submits_it(page, staff, screenshot):
    pdf = tiny_pdf("Tahoua legal clinic: three cases opened")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "journey-a-1-sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {staff}")

    page.get_by_role("main").get_by_role("link", name="Log evidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log evidence")
    page.get_by_label("Date of the change").fill("2018-10-09")
    page.get_by_label("Country").select_option(label="Niger")
    page.get_by_label("Sub-objective").select_option(label=str(sub_objective("1.1")))
    page.get_by_label("Title").fill("Prosecutors open cases under the penal code")
    page.get_by_label("Description of the change").fill(
        "Three cases opened in Tahoua after the partner's legal clinic."
    )
    page.get_by_label("Level of change").select_option(label="National")
    page.get_by_label("Kind of change").select_option(label="Practice or implementation")
    page.get_by_role("radio", name=re.compile("^Significant change")).check()
    page.get_by_label("Source link").fill("example.org/reports/ne/2018-10")
    page.get_by_label("Attachment").set_input_files(
        {"name": "field-report.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_label("Triangulation").check()
    screenshot(page, "journey-a-2-evidence-form")
    page.get_by_role("button", name="Submit for verification").click()

    expect(page.get_by_role("status").first).to_contain_text("Evidence submitted for verification.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prosecutors open cases under the penal code"
    )
    expect(page.locator("main .badge").first).to_have_text(re.compile(r"Submitted$"))
    attachment = page.get_by_role("link", name="field-report.pdf")
    expect(attachment).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/reports/ne/2018-10")).to_be_visible()
    screenshot(page, "journey-a-3-submitted")

    with page.expect_download() as download:
        attachment.click()
    assert download.value.suggested_filename == "field-report.pdf"
    assert download.value.path().read_bytes() == pdf

    evidence = Evidence.objects.get()
    assert evidence.status == Evidence.Status.SUBMITTED
    assert (evidence.author, evidence.country.code) == (staff, "NE")
    assert evidence.attachment_name == "field-report.pdf"
    assert evidence.attachment.name.endswith(".pdf")


def matrix_cell(page, country, code):
    """The link of one matrix cell; its accessible name is the code and the status."""
    row = page.locator("table.matrix tbody tr").filter(
        has=page.get_by_role("rowheader", name=country, exact=True)
    )
    return row.get_by_role("link", name=re.compile(rf"^{re.escape(code)}: "))


def headline(page):
    return page.get_by_role("region", name="Countries with significant change")


@pytest.fixture
def submitted_law(staff, mali):
    """A national law in Mali rated significant change, submitted by its author: once
    verified it makes Mali a country with significant change (progress/rollup.py)."""
    return services.create_evidence(
        author=staff,
        submit=True,
        data={
            "date": datetime.date(2019, 3, 12),
            "country": mali,
            "sub_objective": sub_objective("1.1"),
            "title": "Parliament criminalises descent-based slavery",
            "description": "The penal code now names descent-based slavery as a crime.",
            "level": Evidence.Level.NATIONAL,
            "kind": Evidence.Kind.LAW,
            "rating": Evidence.Rating.SIGNIFICANT,
            "source_url": "https://example.org/reports/ml/2019-03",
        },
    )


def test_a_returned_item_is_corrected_resubmitted_verified_and_moves_the_dashboard(
    signed_in_page, manager, staff, submitted_law, screenshot
):
    reason = "Add the official gazette reference for the new article."
    title = submitted_law.title
    boss = signed_in_page(manager)

    boss.goto("/dashboard/")
    expect(headline(boss)).to_contain_text("0 of 10")
    expect(headline(boss)).to_contain_text("None yet.")
    expect(matrix_cell(boss, "Mali", "1.1")).to_have_accessible_name("1.1: No evidence yet")
    expect(boss.locator(".queue-figure")).to_have_text(
        "1 awaiting verification today (not counted)"
    )
    screenshot(boss, "journey-b-1-dashboard-before")

    boss.get_by_role("navigation", name="Main").get_by_role("link", name="Verification").click()
    boss.get_by_role("link", name=title).click()
    boss.get_by_label("Reason for returning it").fill(reason)
    screenshot(boss, "journey-b-2-return-with-reason")
    boss.get_by_role("button", name="Return to the author").click()
    expect(boss.get_by_role("status").first).to_have_text(
        "Evidence returned to its author with your reason."
    )
    expect(boss.get_by_text("Nothing waits for verification.")).to_be_visible()

    author = signed_in_page(staff)
    author.goto("/")
    returned = author.get_by_role("region", name="Returned to you")
    expect(returned.get_by_role("link", name=title)).to_be_visible()
    expect(returned).to_contain_text(f"Returned because: {reason}")
    screenshot(author, "journey-b-3-home-with-reason")
    returned.get_by_role("link", name=title).click()
    author.get_by_role("link", name="Edit").click()
    author.get_by_label("Source citation").fill("Journal officiel, 12 March 2019, p. 4")
    author.get_by_role("button", name="Submit for verification").click()
    expect(author.get_by_role("status").first).to_have_text("Evidence submitted for verification.")
    expect(author.locator("main .badge").first).to_have_text(re.compile(r"Submitted$"))

    boss.goto("/evidence/queue/")
    boss.get_by_role("link", name=title).click()
    expect(boss.locator("dl.facts")).to_contain_text("Journal officiel, 12 March 2019, p. 4")
    boss.get_by_role("button", name="Verify").click()
    expect(boss.get_by_role("status").first).to_have_text(
        "Evidence verified: it now counts on the dashboard."
    )

    boss.goto(f"/evidence/{submitted_law.pk}/")
    expect(boss.locator("main .badge").first).to_have_text(re.compile(r"Verified$"))
    steps = boss.get_by_role("table").first.locator("tbody tr")
    expect(steps).to_have_count(5)
    to_column = [steps.nth(i).locator("td").nth(3).inner_text() for i in range(5)]
    assert to_column == ["Draft", "Submitted", "Returned", "Submitted", "Verified"]
    by_column = [steps.nth(i).locator("td").nth(1).inner_text() for i in range(5)]
    assert by_column == [str(staff), str(staff), str(manager), str(staff), str(manager)]
    expect(steps.nth(2).locator("td").nth(4)).to_have_text(reason, use_inner_text=True)
    changes = boss.locator(".changes")
    expect(changes).to_contain_text("Source citation")
    expect(changes).to_contain_text("Journal officiel, 12 March 2019, p. 4")
    screenshot(boss, "journey-b-4-history")

    boss.goto("/dashboard/")
    expect(headline(boss)).to_contain_text("1 of 10")
    expect(headline(boss).get_by_role("link", name="Mali")).to_be_visible()
    expect(headline(boss)).to_contain_text("since 12 Mar 2019")
    expect(matrix_cell(boss, "Mali", "1.1")).to_have_accessible_name(
        "1.1: Significant change, counts towards the headline"
    )
    expect(boss.locator(".queue-figure")).to_have_text(
        "0 awaiting verification today (not counted)"
    )
    screenshot(boss, "journey-b-5-dashboard-after")


def test_an_admin_edits_a_sub_objective_and_the_dashboard_shows_the_new_text(
    signed_in_page, superuser, strategy, screenshot
):
    sub = sub_objective("2.2")
    short_title = "Confidence and means to claim rights"
    text = "People affected by slavery have the confidence and the means to claim their rights."
    admin = signed_in_page(superuser)

    admin.goto("/dashboard/")
    expect(admin.get_by_role("main")).to_contain_text(sub.short_title)
    expect(admin.get_by_role("main")).not_to_contain_text(short_title)

    admin.goto("/admin/")
    admin.get_by_role("link", name="Sub-objectives").click()
    admin.get_by_role("link", name="2.2", exact=True).click()
    # The English texts (the admin edits each language side by side).
    admin.get_by_label("Short title [en]").fill(short_title)
    admin.get_by_label("Text [en]").fill(text)
    screenshot(admin, "journey-c-1-admin-edit")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    admin.goto("/dashboard/")
    progress = admin.get_by_role("region", name="Progress by objective")
    expect(progress.get_by_role("link", name=f"2.2 {short_title}")).to_be_visible()
    expect(admin.get_by_role("main")).not_to_contain_text(sub.short_title)
    screenshot(admin, "journey-c-2-dashboard")
    progress.get_by_role("link", name=f"2.2 {short_title}").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(f"2.2 {short_title}")
    expect(admin.get_by_text(text)).to_be_visible()
