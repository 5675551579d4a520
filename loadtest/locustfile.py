"""Load test of the strategy tracker: signed-in staff and managers at work.

Run it with `make loadtest` (see loadtest/run.sh and docs/performance.md, "Load test"),
which prepares a PostgreSQL database with 100,000 evidence items and the accounts,
starts `make serve` and runs this file headless, e.g.:

    locust -f loadtest/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:PORT

Each simulated user signs in through the real sign-in form (CSRF token read from the
form) with an account of its role made by `manage.py loadtest_users`, then, with a
think time between pages (LOADTEST_WAIT, default "1 3" seconds):

- country staff (weight 7) open their home page, the evidence list with filters and
  pagination, evidence items found there, the pages of their countries, and log evidence:
  the form, then a save as draft or a submission;
- managers (weight 3) read the dashboard (now or as of a year end), its country
  drill-downs, the evidence list, items, country pages and the verification queue.

Every logged item has a unique title "Load test <run> <user> <n>". When the server
acknowledges a save (a 302 redirect to the item), the item's id and title are appended
to LOADTEST_WRITES, so that `manage.py loadtest_writes` can check afterwards that each
of them is in the database exactly once.

Environment: LOADTEST_CREDENTIALS (the JSON written by loadtest_users), LOADTEST_RUN (the
run's id), LOADTEST_WRITES (the record of acknowledged writes), LOADTEST_REQUESTS (the record of
every request), LOADTEST_WAIT.
Locust is not a dependency of the app: `make loadtest` installs it in a virtualenv of
its own from the `load` extra of pyproject.toml.
"""

import datetime
import itertools
import json
import os
import random
import re
from functools import cache
from urllib.parse import urlencode

from locust import FastHttpUser, between, events
from locust.exception import StopUser

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ITEM_LINK = re.compile(r'href="/evidence/(\d+)/"')
ITEM_REDIRECT = re.compile(r"/evidence/(\d+)/$")
OPTION = re.compile(r'<option value="(\d+)"')
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}

# Filter values of the evidence list (the model's choices and the strategy's years).
STATUSES = ["draft", "submitted", "returned", "verified"]
KINDS = ["law", "policy", "practice", "business", "people", "capacity", "norms", "recognition"]
LEVELS = ["local", "national", "regional", "international"]
YEARS = range(2015, 2021)
SEARCHES = ["court", "labour", "bonded", "inspectors", "survivors", "synthetic evidence 12"]
BOND_FIELDS = ["voice_and_inclusion", "appropriateness", "triangulation", "contribution"]
# Target countries of the 2015–2020 strategy, for managers' country pages.
TARGET_COUNTRIES = ["gb", "in", "lb", "ml", "mr", "ne", "np", "sn", "tm", "uz"]

_serials = itertools.count(1)
_accounts = {"staff": itertools.count(), "managers": itertools.count()}


@cache
def credentials():
    with open(os.environ["LOADTEST_CREDENTIALS"], encoding="utf-8") as source:
        return json.load(source)


def think_time():
    low, high = (float(n) for n in os.environ.get("LOADTEST_WAIT", "1 3").split())
    return between(low, high)


def select_options(html, name):
    """The non-empty option values of the <select name=…> of a page."""
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return OPTION.findall(match.group(1)) if match else []


def record_write(pk, title):
    with open(os.environ["LOADTEST_WRITES"], "a", encoding="utf-8") as record:
        record.write(f"{pk}\t{title}\n")


@events.request.add_listener
def record_request(name, response_time, exception, start_time, url=None, **kwargs):
    """Every request to LOADTEST_REQUESTS: when it started, its page, how long it took in
    ms and, for a failure, why. loadtest/summary.py computes the figures from it."""
    error = f"{url} {exception!r}" if exception else ""
    with open(os.environ["LOADTEST_REQUESTS"], "a", encoding="utf-8") as record:
        record.write(f"{start_time:.3f}\t{name}\t{response_time:.1f}\t{error}\n")


class SignedInUser(FastHttpUser):
    abstract = True
    role = None
    wait_time = think_time()
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.serial = next(_serials)
        accounts = credentials()[self.role]
        self.account = accounts[next(_accounts[self.role]) % len(accounts)]
        self.items = []
        self.writes = itertools.count(1)
        with self.client.get(
            "/accounts/login/", name="sign in form", catch_response=True
        ) as response:
            token = self.csrf_token(response)
        with self.client.post(
            "/accounts/login/",
            data=urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "username": self.account["username"],
                    "password": self.account["password"],
                    "next": "",
                }
            ),
            headers=FORM_HEADERS,
            allow_redirects=False,
            name="sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused: {response.status_code}")
                raise StopUser

    def csrf_token(self, response):
        found = CSRF.search(response.text or "")
        if not found:
            response.failure("no CSRF token in the form")
            raise StopUser
        return found.group(1)

    def page(self, path, name):
        """GET a page that must answer 200; returns its HTML ('' on failure)."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
                return ""
            return response.text

    def home(self):
        self.page("/", "home")

    def evidence_list(self):
        query = {}
        if random.random() < 0.6:
            filters = {
                "country": lambda: random.choice(self.country_ids()),
                "status": lambda: random.choice(STATUSES),
                "kind": lambda: random.choice(KINDS),
                "level": lambda: random.choice(LEVELS),
                "year": lambda: random.choice(YEARS),
                "q": lambda: random.choice(SEARCHES),
            }
            for key in random.sample(sorted(filters), random.randint(1, 2)):
                query[key] = filters[key]()
        # Mostly the first page, sometimes a few pages on, now and then far into the list.
        page = random.choices([1, random.randint(2, 10), random.randint(11, 200)], [6, 3, 1])[0]
        if page > 1:
            query["page"] = page
        html = self.page(f"/evidence/?{urlencode(query)}" if query else "/evidence/", "list")
        links = ITEM_LINK.findall(html)
        if links:
            self.items = links

    def country_ids(self):
        """Country ids of the list's country filter (read once from the page)."""
        if not getattr(self, "_country_ids", None):
            self._country_ids = select_options(self.page("/evidence/", "list"), "country")
        return self._country_ids or [""]

    def item(self):
        if not self.items:
            self.evidence_list()
        if self.items:
            self.page(f"/evidence/{random.choice(self.items)}/", "item")

    def country_page(self):
        self.page(f"/countries/{random.choice(self.countries_to_read())}/", "country page")

    def countries_to_read(self):
        return TARGET_COUNTRIES


class StaffUser(SignedInUser):
    """Country staff: read their countries and the evidence, and log evidence."""

    weight = 7
    role = "staff"

    def countries_to_read(self):
        # Mostly their own countries, sometimes another one.
        if random.random() < 0.8:
            return self.account["countries"]
        return TARGET_COUNTRIES

    def log_evidence(self):
        country = random.choice(self.account["countries"])
        with self.client.get(
            f"/evidence/new/?country={country}", name="log form", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for the form")
                return
            html = response.text
            token = self.csrf_token(response)
            countries = select_options(html, "country")
            sub_objectives = select_options(html, "sub_objective")
            if not countries or not sub_objectives:
                response.failure("the form offers no country or no sub-objective")
                return
        title = f"Load test {os.environ['LOADTEST_RUN']} {self.account['username']} "
        title += f"{self.serial}-{next(self.writes)}"
        day = datetime.date(random.choice(YEARS), random.randint(1, 12), random.randint(1, 28))
        data = {
            "csrfmiddlewaretoken": token,
            "version": "",
            "date": day.isoformat(),
            "country": random.choice(countries),
            "sub_objective": random.choice(sub_objectives),
            "title": title,
            "description": "Logged by the load test: what changed, who said so, how we know.",
            "level": random.choice(LEVELS),
            "kind": random.choice(KINDS),
            "rating": random.randint(0, 3),
            "source_url": "https://example.org/load-test/report",
            "source_citation": "Partner field report",
            "action": random.choice(["draft", "submit"]),
        }
        data.update(dict.fromkeys(random.sample(BOND_FIELDS, 2), "on"))
        with self.client.post(
            "/evidence/new/",
            data=urlencode(data),
            headers=FORM_HEADERS,
            allow_redirects=False,
            name="log save",
            catch_response=True,
        ) as response:
            saved = ITEM_REDIRECT.search(response.headers.get("Location") or "")
            if response.status_code != 302 or not saved:
                response.failure(f"not saved: {response.status_code}")
                return
            record_write(saved.group(1), title)
        self.items.append(saved.group(1))

    tasks = {
        SignedInUser.home: 2,
        SignedInUser.evidence_list: 4,
        SignedInUser.item: 3,
        SignedInUser.country_page: 3,
        log_evidence: 2,
    }


class ManagerUser(SignedInUser):
    """Managers: the dashboard and its drill-downs first, then the evidence behind them."""

    weight = 3
    role = "managers"

    def dashboard(self):
        if random.random() < 0.3:
            self.page(f"/dashboard/?as_of={random.choice(YEARS)}-12-31", "dashboard")
        else:
            self.page("/dashboard/", "dashboard")

    def dashboard_country(self):
        self.page(f"/dashboard/country/{random.choice(TARGET_COUNTRIES)}/", "dashboard country")

    def queue(self):
        self.page("/evidence/queue/", "queue")

    # The dashboard is a manager's first page: about two in five of their page views.
    tasks = {
        dashboard: 8,
        dashboard_country: 2,
        SignedInUser.evidence_list: 3,
        SignedInUser.item: 2,
        SignedInUser.country_page: 2,
        queue: 1,
        SignedInUser.home: 1,
    }
