"""The crawl behind test_pages.py: a user's same-site links, followed from the home page,
one page of each kind.

A kind of page is its URL name (`resolve()`), a variant where one view shows very
different content (the caller says which, e.g. one evidence item per status), and whether
it has a query string: one list page with `?page=2` or with filters is an example of the
others, so it is checked once rather than once per page number or filter value.
"""

from collections import deque
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

# Not pages to check: downloads and exports, signing out, the language switch (a form
# that posts), the Django admin, which is not ours to restyle, and the API's description
# and its interactive documentation (Swagger UI: a JavaScript application of about 1.5 MB
# served from the site, not one of our pages; tests/api/test_schema.py checks it).
NOT_PAGES = {
    "logout",
    "set_language",
    "evidence:attachment",
    "dashboard:export_matrix",
    "dashboard:export_evidence",
    "dashboard:export_file_download",
    "resilience:place_export",
    "resilience:compare_export",
    "resilience:resource_file",
    "imports:template",
    "imports:errors",
    "api:schema",
    "api:docs",
    "reports:report_pdf",
    "reports:report_file_download",
}


def kind_of_page(path, variant):
    """The kind of page at a same-site path (with its query), or None when it is not a page
    to check. `variant(match)` tells apart what one view shows differently, or is None."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ("no such page", parts.path)  # visited, so that its 404 is reported
    if match.view_name in NOT_PAGES or "admin" in match.namespaces:
        return None
    return (match.view_name, variant(match), bool(parts.query))


def same_site(base_url, url):
    """The path and query of an absolute `url`, or None when it leads off the site or is
    not a web link (mail, telephone). A place on a page (#…) is that page."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base_url).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(base_url, visit, *, variant, cap, start="/"):
    """Visit `start`, then every new kind of page linked from the pages visited, breadth
    first, and return the paths visited.

    `visit(path)` checks the page and returns where it ended (after any redirect) and the
    absolute URLs of its links. More kinds of page than `cap` is an error rather than a
    reason to stop, so that no page goes unchecked without anyone knowing."""
    seen = {kind_of_page(start, variant)}
    waiting = deque([start])
    visited = []
    while waiting:
        if len(visited) == cap:
            raise AssertionError(
                f"More than {cap} kinds of page: {sorted(waiting)} not checked "
                f"after {visited}; raise the cap if they are all needed."
            )
        path, links = visit(waiting.popleft())
        visited.append(path)
        seen.add(kind_of_page(path, variant))
        for url in links:
            found = same_site(base_url, url)
            kind = found and kind_of_page(found, variant)
            if kind and kind not in seen:
                seen.add(kind)
                waiting.append(found)
    return visited
