"""Nothing typed into the evidence form is lost by leaving the page while signed in: the
browser keeps it until the form is saved or its user signs out (static/js/form-draft.js)."""

import re

from playwright.sync_api import expect

from evidence.models import Evidence

DRAFTS = "Object.keys(localStorage).filter((key) => key.startsWith('form-draft:'))"


def test_what_was_typed_comes_back_until_saved_or_signed_out(signed_in_page, staff, strategy):
    page = signed_in_page(staff)
    page.goto("/evidence/new/")
    title = page.get_by_label("Title")
    note = page.get_by_role("status").filter(has_text="before you left the page")
    expect(note).to_be_hidden()
    title.fill("Court rules on descent-based slavery")
    page.get_by_role("link", name="Home").first.click()

    page.goto("/evidence/new/")
    expect(title).to_have_value("Court rules on descent-based slavery")
    expect(note).to_be_visible()
    note.get_by_role("button", name="Discard it").click()
    expect(page.get_by_label("Title")).to_have_value("")

    # Refused by the server (the other fields are missing): the typing is kept again.
    page.get_by_label("Title").fill("Court rules on descent-based slavery")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert").first).to_contain_text("Not saved yet")
    page.goto("/evidence/new/")
    expect(page.get_by_label("Title")).to_have_value("Court rules on descent-based slavery")

    # Saved: the next empty form is empty.
    page.get_by_label("Date of the change").fill("2018-10-09")
    page.get_by_label("Country").select_option(label="Niger")
    page.locator("#id_sub_objective").select_option(index=1)
    page.get_by_label("Description of the change").fill("The court of Tahoua ruled.")
    page.get_by_label("Level of change").select_option(label="National")
    page.get_by_label("Kind of change").select_option(label="Practice or implementation")
    page.get_by_role("radio", name=re.compile("^Significant change")).check()
    page.get_by_label("Source link").fill("example.org/reports/ne/2018-10")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Court rules on descent-based slavery"
    )
    assert Evidence.objects.get().title == "Court rules on descent-based slavery"
    page.goto("/evidence/new/")
    expect(page.get_by_label("Title")).to_have_value("")
    expect(note).to_be_hidden()

    page.get_by_label("Title").fill("Something else")
    page.get_by_role("button", name="Sign out").click()
    assert page.evaluate(DRAFTS) == []
