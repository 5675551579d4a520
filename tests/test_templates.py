"""What every template keeps, read in the templates themselves, so that a page the browser
tests' crawl does not reach (one shown only after a form is sent) keeps it too."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCROLL_REGION = re.compile(r"<[a-z]+\b[^>]*\bclass=\"[^\"]*\btable-scroll\b[^\"]*\"[^>]*>")


def test_every_region_that_scrolls_a_table_is_reached_by_the_keyboard_and_named():
    """A table wider than a phone scrolls in its .table-scroll region: the keyboard must
    reach it to scroll it (axe-core's scrollable-region-focusable) and a screen reader
    names it by its heading or caption."""
    regions = [
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("*.html")
        for tag in SCROLL_REGION.findall(path.read_text())
    ]
    assert len(regions) >= 7  # the matrix, the dashboard's and the resilience tables
    lacking = [
        region
        for region in regions
        if not (
            'tabindex="0"' in region
            and 'role="region"' in region
            and re.search(r'aria-label(ledby)?="[^"]+"', region)
        )
    ]
    assert lacking == []
