"""Every page the app's users reach, as a user on a phone, a slow link or a screen reader
meets it, in English and in French. Each role of the demo data (seed_demo) starts at home
and follows its links, one page of each kind (tests/e2e/crawler.py); on every page: no
serious or critical axe-core violation at 1280 px nor at 375 px, no sideways scrolling at
375 px (a wide table scrolls inside its own region, which stays on the screen and can be
reached and named), at most 150 KB on first load with all its assets, and working without
JavaScript. The evidence form is filled in and submitted with the keyboard alone.

The pages show the demo data, with one evidence item of long history added, so they carry
as much as a real user sees."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import resolve
from playwright.sync_api import expect

from accounts.models import User
from countries.models import Country
from dashboard.models import ExportFile
from dashboard.tasks import build_evidence_xlsx
from evidence import services
from evidence.models import Evidence
from imports import services as import_services
from notifications.emails import unsubscribe_token
from notifications.kinds import KINDS
from objectives.models import Strategy, SubObjective
from reports.models import ReportFile

from .conftest import DESKTOP, PHONE
from .crawler import crawl

MAX_PAGE_BYTES = 150 * 1024
# What the issue asks of axe: nothing of these impacts (moderate and minor are reported by
# axe too, and looked at, but do not fail the run).
BLOCKING_IMPACTS = {"serious", "critical"}
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
# More kinds of page than this for one role fails the crawl (see crawler.crawl).
PAGE_CAP = 40

# Who crawls: the demo data's roles, and a visitor who has not signed in yet.
ROLES = {
    "visitor": None,
    "manager": "grace",
    "staff": "priya",
    "staff-french-speaker": "aminata",
    "admin": "admin",
}
# Kinds of page each role must reach: a crawl that finds fewer lost its way.
MUST_REACH = {
    "visitor": {"login", "password_reset", "notifications:unsubscribe"},
    "manager": {
        "home",
        "evidence:list",
        "evidence:detail",
        "evidence:queue",
        "dashboard:index",
        "dashboard:country",
        "dashboard:sub_objective",
        "dashboard:headline",
        "dashboard:export_file",
        "reports:index",
        "reports:report",
        "reports:report_file",
        "reports:narratives",
        "reports:narrative",
        "countries:detail",
        "resilience:index",
        "resilience:compare",
        "resilience:place",
        "resilience:review",
        "resilience:resources",
        "account",
        "tokens:list",
        "notifications:preferences",
        "guidance",
    },
    "staff": {
        "home",
        "guidance",
        "evidence:new",
        "evidence:edit",
        "evidence:detail",
        "countries:detail",
        "reports:narratives",
        "reports:narrative",
        "reports:narrative_edit",
        "notifications:preferences",
        "tokens:list",
        "imports:index",
        "imports:batch",
    },
}
MUST_REACH["staff-french-speaker"] = MUST_REACH["staff"]
MUST_REACH["admin"] = MUST_REACH["manager"]


def long_history(*, author, manager):
    """An evidence item with a long history: logged, edited three times, submitted,
    returned with a reason, corrected, resubmitted and verified."""
    item = services.create_evidence(
        author=author,
        data={
            "date": datetime.date(2020, 12, 30),
            "country": Country.objects.get(code="IN"),
            "sub_objective": SubObjective.objects.get(
                objective__strategy__slug="2015-2020", objective__number=1, number=1
            ),
            "title": "District task force releases brick-kiln workers and opens prosecutions",
            "description": "The district task force visited four kilns.",
            "level": Evidence.Level.LOCAL,
            "kind": Evidence.Kind.PRACTICE,
            "rating": Evidence.Rating.EARLY_SIGNS,
            "source_citation": "Partner field report, December 2020",
        },
    )
    item._history_user = author  # as the request middleware does for edits in the app
    edits = [
        {
            "description": "The district task force visited four kilns and released 63 "
            "workers, among them 19 children, with release certificates for each family."
        },
        {
            "level": Evidence.Level.NATIONAL,
            "rating": Evidence.Rating.SOME_PROGRESS,
            "source_url": "https://example.org/reports/in/2020-12/district-task-force-"
            "brick-kilns-release-certificates-and-first-prosecutions.pdf",
        },
        {"title": item.title + " under the Bonded Labour System (Abolition) Act"},
    ]
    for data in edits:
        services.update_evidence(evidence=item, actor=author, data=data, version=item.version)
    services.submit_evidence(evidence=item, actor=author)
    services.return_evidence(
        evidence=item,
        actor=manager,
        reason="Say which court registered the cases, and attach the task force's minutes "
        "or cite them: the partner's report alone does not show that prosecutions opened.",
    )
    services.update_evidence(
        evidence=item,
        actor=author,
        data={
            "source_citation": "Partner field report, December 2020; minutes of the "
            "district vigilance committee, 28 December 2020, item 4 (cases registered "
            "at the district court)",
            "triangulation": True,
        },
        version=item.version,
        submit=True,
    )
    services.verify_evidence(evidence=item, actor=manager)
    return item


@pytest.fixture
def demo(db):
    """The demo data, and in it the evidence item of long history, returned."""
    with override_settings(DEBUG=True):  # seed_demo refuses to run with DEBUG off
        call_command("seed_demo", stdout=io.StringIO())
    for username in ("priya", "aminata"):
        previewed_import(User.objects.get(username=username))
    for username in ("grace", "admin"):
        prepared_export(User.objects.get(username=username))
        asked_for_report(User.objects.get(username=username))
    return long_history(
        author=User.objects.get(username="priya"), manager=User.objects.get(username="grace")
    )


def prepared_export(user):
    """An evidence XLSX built in the background for `user`, ready to download (the status
    page is otherwise reached only after asking for an export above EXPORT_BACKGROUND_ROWS)."""
    strategy = Strategy.objects.default()
    export = ExportFile.objects.create(
        requested_by=user, strategy=strategy, as_of=datetime.date.today(), language="en"
    )
    build_evidence_xlsx.call(export.pk)


def asked_for_report(user):
    """A report PDF asked for and waiting for the worker (the crawl runs none), so that the
    page of work in progress is checked; it is reached from the report page's list of the
    manager's latest PDFs. The ready state is checked on the background export's page."""
    ReportFile.objects.create(
        strategy=Strategy.objects.default(),
        as_of=datetime.date(2020, 12, 31),
        language="fr",
        requested_by=user,
    )


def previewed_import(user):
    """An import of two rows, one in error, previewed and waiting for confirmation."""
    country = user.country_assignments.select_related("country").first().country
    rows = [
        [
            "Reference",
            "Country",
            "Sub-objective",
            "Date of the change",
            "Title",
            "Description of the change",
            "Level",
            "Kind of change",
            "Progress rating",
            "Source link",
        ],
        [
            "OFF-1",
            country.code.code,
            "1.1",
            "09/10/2018",
            "District court hears first case",
            "Heard in October.",
            "local",
            "practice",
            "1",
            "https://example.org/1",
        ],
        [
            "OFF-2",
            country.code.code,
            "1.1",
            "31/02/2019",
            "Vigilance committee meets",
            "Monthly.",
            "local",
            "norms",
            "1",
            "https://example.org/2",
        ],
    ]
    content = "\n".join(",".join(values) for values in rows).encode()
    batch = import_services.create_batch(
        user=user,
        strategy=Strategy.objects.default(),
        upload=SimpleUploadedFile("office-log.csv", content),
        language=user.language,
    )
    return import_services.preview(batch)


# Where the page is wider than the screen, and every region of the main content that
# scrolls sideways, with what it lacks: on the screen, reached by the keyboard, a region
# with a name.
LAYOUT = """() => {
    const width = document.documentElement.clientWidth;
    const named = element => (element.getAttribute("aria-labelledby") || "").split(" ")
        .some(id => document.getElementById(id)?.textContent.trim())
        || (element.getAttribute("aria-label") || "").trim();
    const lacks = element => {
        const box = element.getBoundingClientRect();
        return Object.entries({
            "off the screen": box.left < 0 || box.right > width,
            "not reached by the keyboard": element.tabIndex < 0,
            "not a region": element.getAttribute("role") !== "region",
            "no name": !named(element),
        }).filter(([, lacking]) => lacking).map(([what]) => what);
    };
    const scrolling = [...document.querySelectorAll("main *")].filter(element => {
        const overflow = getComputedStyle(element).overflowX;
        return (overflow === "auto" || overflow === "scroll")
            && element.scrollWidth > element.clientWidth;
    });
    return {
        scrollWidth: document.documentElement.scrollWidth,
        regions: scrolling.filter(element => lacks(element).length).map(element =>
            `${element.outerHTML.slice(0, 90)}…: ${lacks(element).join(", ")}`),
    };
}"""
AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"
# The hidden field that differs on every load although the page does not.
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*')


class PageChecks:
    """Checks the pages one user visits in one language, and collects what is wrong.

    One page with scripts goes through the checks at 1280 px, then is resized to 375 px:
    axe-core is loaded into every document it opens, and its cache is off so that every
    load is a first load. Another page, with scripts off, loads each page again.

    Roles often see the same content (an admin sees what a manager sees; everyone sees
    the same resources library): a page whose main content was checked already, as
    another role, is not checked again. The first page of each role is, for the header
    that role sees on every page."""

    def __init__(self, new_page, user, language, *, checked):
        self.language, self.checked = language, checked
        self.page = new_page(user, locale=LOCALES[language])
        self.page.add_init_script(AXE_SCRIPT)
        cdp = self.page.context.new_cdp_session(self.page)
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.requests = []
        self.page.on("requestfinished", lambda request: self.requests.append(request))
        self.without_scripts = new_page(user, locale=LOCALES[language], java_script_enabled=False)
        self.problems = {}
        self.first = True

    def visit(self, path):
        """Check the page at `path`. Returns where it ended (after any redirect) and the
        URLs of its links, for the crawl."""
        page = self.page
        page.set_viewport_size(DESKTOP)
        self.requests.clear()
        response = page.goto(path)
        if response.status != 200:
            self.problems[path] = [f"answered {response.status}"]
            return path, []
        here = urlsplit(page.url)
        path = here.path + (f"?{here.query}" if here.query else "")
        links = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(link => link.href)"
        )
        content = CSRF_VALUE.sub(r"\1", page.inner_html("main"))
        if content in self.checked and not self.first:
            return path, links
        self.checked.add(content)
        self.first = False
        found = []
        shown_in = page.evaluate("document.documentElement.lang")
        if shown_in != self.language:
            found.append(f"shown in {shown_in!r}, not in {self.language!r}")
        found += self.axe(DESKTOP)
        page.set_viewport_size(PHONE)
        layout = page.evaluate(LAYOUT)
        if layout["scrollWidth"] > PHONE["width"]:
            found.append(f"{layout['scrollWidth']} px wide on a {PHONE['width']} px screen")
        found += [f"a region that scrolls sideways {region}" for region in layout["regions"]]
        found += self.axe(PHONE)
        found += self.weight()
        found += self.works_without_scripts(path)
        if found:
            self.problems[f"{path} “{page.title()}”"] = found
        return path, links

    def axe(self, viewport):
        return [
            f"axe at {viewport['width']} px: {violation['id']} ({violation['impact']}): "
            f"{violation['help']}: "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in self.page.evaluate(AXE_RUN)["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]

    def weight(self):
        """The page and its assets as they came over the wire, headers included."""
        sizes = [request.sizes() for request in self.requests]
        total = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in sizes)
        urls = [urlsplit(request.url).path for request in self.requests]
        if not any(url.endswith(".css") for url in urls):
            return [f"its stylesheet was not counted: {urls}"]
        if total > MAX_PAGE_BYTES:
            return [f"{total} bytes with its assets: {urls}"]
        return []

    def works_without_scripts(self, path):
        page = self.without_scripts
        page.goto(path)
        problems = []
        if not page.get_by_role("heading", level=1).first.is_visible():
            problems.append("no level-1 heading to be seen without JavaScript")
        if not page.locator("main").inner_text().strip():
            problems.append("an empty main without JavaScript")
        return problems


def page_variant(long_item):
    """Evidence items differ most by status (what the page offers to do) and by the length
    of their history: one of each."""
    statuses = dict(Evidence.objects.values_list("pk", "status"))

    def variant(match):
        if match.view_name == "evidence:detail":
            pk = match.kwargs["pk"]
            return "long history" if pk == long_item.pk else statuses.get(pk)
        return None

    return variant


def url_name(path):
    return resolve(urlsplit(path).path).view_name


@pytest.mark.parametrize("language", LOCALES)
def test_every_page_each_role_reaches_passes_on_a_desktop_and_a_phone(
    new_page, live_server, demo, language
):
    variant, checked = page_variant(demo), set()
    crawled, problems = {}, {}
    for role, username in ROLES.items():
        user = username and User.objects.get(username=username)
        if user:
            User.objects.filter(pk=user.pk).update(language=language)
        checks = PageChecks(new_page, user, language, checked=checked)
        crawled[role] = crawl(live_server.url, checks.visit, variant=variant, cap=PAGE_CAP)
        problems.update({f"{role}, {page}": found for page, found in checks.problems.items()})
    # Pages only an email links to: the one-click unsubscribe, opened signed out.
    checks = PageChecks(new_page, None, language, checked=checked)
    staff = User.objects.get(username="priya")
    email_link, _links = checks.visit(
        f"/notifications/unsubscribe/{unsubscribe_token(staff, KINDS)}/"
    )
    crawled["visitor"].append(email_link)
    problems.update({f"visitor, {page}": found for page, found in checks.problems.items()})
    pages = "\n".join(
        f"{role} ({len(paths)}): {' '.join(paths)}" for role, paths in crawled.items()
    )
    report = "\n".join(f"{page}:\n  " + "\n  ".join(found) for page, found in problems.items())
    assert not problems, f"{report}\n\nPages crawled in {language}:\n{pages}"
    for role, paths in crawled.items():
        missed = MUST_REACH[role] - {url_name(path) for path in paths}
        assert not missed, f"{role} never reached {missed}. Pages crawled:\n{pages}"
    for role in ("manager", "staff", "admin"):
        assert demo.get_absolute_url() in crawled[role], f"Pages crawled:\n{pages}"


def test_evidence_is_logged_filtered_and_verified_without_javascript(new_page, demo):
    manager, staff = User.objects.get(username="grace"), User.objects.get(username="priya")
    country = staff.country_assignments.select_related("country").first().country
    page = new_page(staff, java_script_enabled=False)
    page.goto("/evidence/new/")
    page.get_by_label("Date of the change").fill("2020-03-02")
    page.get_by_label("Country").select_option(label=country.name)
    page.get_by_label("Sub-objective").select_option(index=1)
    page.get_by_label("Title").fill("Logged with scripts turned off")
    page.get_by_label("Description of the change").fill("A slow phone with JavaScript off.")
    page.get_by_label("Level of change").select_option(label="National")
    page.get_by_label("Kind of change").select_option(label="Policy or government commitment")
    page.get_by_role("radio", name=re.compile("^Some progress")).check()
    page.get_by_label("Source citation").fill("Partner report, March 2020")
    page.get_by_role("button", name="Submit for verification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logged with scripts turned off")
    logged = Evidence.objects.get(title="Logged with scripts turned off")
    assert logged.status == Evidence.Status.SUBMITTED

    page = new_page(manager, java_script_enabled=False)
    page.goto("/evidence/")
    page.get_by_text("Filters", exact=True).click()  # a <details>: opens without scripts
    page.get_by_label("Search").fill("scripts turned off")
    page.get_by_role("button", name="Show evidence").click()
    page.get_by_role("link", name="Logged with scripts turned off").click()
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status").first).to_be_visible()
    logged.refresh_from_db()
    assert logged.status == Evidence.Status.VERIFIED


def tab_to(page, selector, *, limit=80):
    """Press Tab until the element matching `selector` has the focus, checking on the way
    that every focused element shows where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """selector => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                return {
                    found: element.matches(selector),
                    what: element.outerHTML.slice(0, 80),
                    // Inside a date field the focus is on the browser's own parts (day,
                    // month, year, calendar button), which the browser outlines itself.
                    shown: element.matches(":focus-visible")
                        ? style.outlineStyle !== "none" && style.outlineWidth !== "0px"
                        : element.type === "date",
                };
            }""",
            selector,
        )
        assert focused["shown"], f"no visible focus on {focused['what']}"
        if focused["found"]:
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_evidence_form_is_filled_in_and_submitted_with_the_keyboard_alone(
    signed_in_page, staff
):
    page = signed_in_page(staff)
    page.goto("/evidence/new/")
    keyboard = page.keyboard

    tab_to(page, ".skip-link")
    keyboard.press("Enter")
    tab_to(page, "#id_date")
    keyboard.type("03032020")  # the same whether the browser asks for the day or month first
    tab_to(page, "#id_country")
    keyboard.type("Niger")
    tab_to(page, "#id_sub_objective")
    keyboard.type("1.2")
    tab_to(page, "#id_title")
    keyboard.type("Typed with the keyboard only")
    # The description is left empty: the error must come back to the keyboard user.
    tab_to(page, "#id_level")
    keyboard.type("National")
    tab_to(page, "#id_kind")
    keyboard.type("Policy")
    tab_to(page, "#id_rating_0")  # the ratings are radio buttons: arrows choose
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    tab_to(page, "#id_source_citation")
    keyboard.type("Field notes, March 2020")
    tab_to(page, "#id_triangulation")
    keyboard.press("Space")
    tab_to(page, "button[value=submit]")
    keyboard.press("Enter")

    expect(page.get_by_role("alert").first).to_contain_text("Not saved yet")
    # The error is next to its field and announced with it.
    expect(page.get_by_label("Description of the change")).to_have_accessible_description(
        re.compile("This field is required")
    )
    expect(page.get_by_label("Title")).to_have_value("Typed with the keyboard only")
    assert not Evidence.objects.exists()

    tab_to(page, "#id_description")
    keyboard.type("Officials agreed to a national action plan.")
    tab_to(page, "button[value=submit]")
    keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Typed with the keyboard only")
    logged = Evidence.objects.get()
    assert (logged.date.isoformat(), logged.country.code, logged.sub_objective.code) == (
        "2020-03-03",
        "NE",
        "1.2",
    )
    assert (logged.level, logged.kind, logged.rating) == ("national", "policy", 2)
    assert logged.triangulation and logged.status == Evidence.Status.SUBMITTED
