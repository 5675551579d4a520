"""A page of work done in the background shows the result once it is there, without the
reader reloading it and without a timed refresh of the whole page (static/js/follow-status.js);
without scripts, its link looks again by hand."""

import datetime

from playwright.sync_api import expect

from dashboard.models import ExportFile
from dashboard.tasks import build_evidence_xlsx


def test_the_export_page_offers_the_file_once_the_worker_is_done(new_page, manager, strategy):
    export = ExportFile.objects.create(
        requested_by=manager, strategy=strategy, as_of=datetime.date(2020, 12, 31), language="en"
    )
    page = new_page(manager)
    page.goto(export.get_absolute_url())
    status = page.get_by_role("status")
    expect(status).to_contain_text("being prepared in the background")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0

    build_evidence_xlsx.call(export.pk)
    expect(page.get_by_role("link", name=f"Download {export.filename}")).to_be_visible(
        timeout=15_000
    )


def test_without_scripts_the_page_is_looked_at_again_by_its_link(new_page, manager, strategy):
    export = ExportFile.objects.create(
        requested_by=manager, strategy=strategy, as_of=datetime.date(2020, 12, 31), language="en"
    )
    page = new_page(manager, java_script_enabled=False)
    page.goto(export.get_absolute_url())
    build_evidence_xlsx.call(export.pk)
    page.wait_for_timeout(6_000)  # longer than the script would wait: nothing happens alone
    expect(page.get_by_role("link", name=f"Download {export.filename}")).to_have_count(0)
    page.get_by_role("link", name="Look again now").click()
    expect(page.get_by_role("link", name=f"Download {export.filename}")).to_be_visible()
