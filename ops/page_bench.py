"""The read pages over real HTTP at growing evidence counts (`manage.py bench_pages`).

A gunicorn server (one worker, one thread, DEBUG off, as `make serve`) serves the
benchmark's database; each page is requested over one kept-alive HTTP connection with
the session cookie of a manager or of country staff, and timed to its last byte (exports:
to their first byte). Beside each page, the plain SQL that page needs for its data is
timed the same way: sent as SQL text over one persistent database connection, no ORM,
its rows fetched. Pages and their SQL alternate, so load from elsewhere on the machine
weighs on both alike.
"""

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.models import Evidence
from evidence.search import INDEX
from progress import rollup
from progress.models import CellMonthCount, CellSummary


@dataclass
class Page:
    name: str
    path: str
    user: str  # "manager" or "staff"
    sql: list  # [(sql, params)], the data the page needs
    first_byte: bool = False


def session_cookie(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The first backend that can load a user (as the test client's force_login picks).
    session[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _sql(queryset, limit=None):
    queryset = queryset[:limit] if limit else queryset
    return queryset.query.sql_with_params()


def _rollup_sql(strategy, country):
    """The summary rows and month counts a roll-up page reads."""
    countries, subs = rollup.target_cells(strategy)
    cells = {
        "country_id__in": [c.pk for c in countries],
        "sub_objective_id__in": [s.pk for s in subs],
    }
    months = (
        CellMonthCount.objects.filter(**cells)
        .order_by()
        .values_list("sub_objective_id", "level", "month")
        .annotate(n=Sum("verified"))
    )
    return {
        "all": [_sql(CellSummary.objects.filter(**cells)), _sql(months)],
        "country": [_sql(CellSummary.objects.filter(country=country, sub_objective__in=subs))],
        "subs": subs,
    }


def _search_sql(visible, word):
    """A search's SQL: the index lookup of its matches, then the page of them."""
    with CaptureQueriesContext(connection) as lookup:
        condition = INDEX.condition([word])
    statements = [(query["sql"], None) for query in lookup.captured_queries]
    # Without a match the lookup was all the page needed.
    with contextlib.suppress(EmptyResultSet):
        statements.append(_sql(visible.filter(condition).order_by("-date", "-pk"), 26))
    return statements


def pages(strategy, country, manager):
    """The pages measured, each with the plain SQL of its data."""
    roll = _rollup_sql(strategy, country)
    visible = Evidence.objects.visible_to(manager).of_strategy(strategy)
    newest = visible.order_by("-date", "-pk").values_list("pk", "date", "title")
    oldest = visible.order_by("date", "pk").values_list("pk", "date", "title")
    queue = Evidence.objects.awaiting_verification().order_by("submitted_at", "pk")
    verified = newest.filter(status=Evidence.Status.VERIFIED)
    q, code, sub = f"?strategy={strategy.slug}", country.code.code.lower(), roll["subs"][0]
    evidence_list = reverse("evidence:list") + q
    return [
        Page("dashboard", reverse("dashboard:index") + q, "manager", roll["all"]),
        Page("country drill-down", reverse("dashboard:country", args=[code]) + q, "manager",
             [*roll["country"], _sql(verified.filter(country=country), 26)]),
        Page("sub-objective drill-down", reverse("dashboard:sub_objective", args=[sub.pk]) + q,
             "manager", [roll["all"][0], _sql(verified.filter(sub_objective=sub), 26)]),
        Page("country page", reverse("countries:detail", args=[code]) + q, "manager",
             [*roll["country"], _sql(newest.filter(country=country, sub_objective=sub), 6)]),
        Page("evidence list, first page", evidence_list, "manager", [_sql(newest, 26)]),
        Page("evidence list, last page", evidence_list + "&page=last", "manager",
             [_sql(oldest, 26)]),
        Page("evidence list, ?q=bonded", evidence_list + "&q=bonded", "manager",
             _search_sql(visible, "bonded")),
        Page("evidence list as staff", evidence_list, "staff", [_sql(newest, 26)]),
        Page("queue, first page", reverse("evidence:queue") + q, "manager", [_sql(queue, 26)]),
        Page("queue, last page", reverse("evidence:queue") + q + "&page=last", "manager",
             [_sql(queue.reverse(), 26)]),
        Page("evidence CSV, first byte", reverse("dashboard:export_evidence", args=["csv"]) + q,
             "manager", [_sql(oldest, 26)], first_byte=True),
    ]  # fmt: skip


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port):
    """gunicorn as `make serve` runs it, on the benchmark's database."""
    env = {
        **os.environ,
        "DEBUG": "off",
        "SECURE_SSL_REDIRECT": "off",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "off",
        "ALLOWED_HOSTS": "127.0.0.1",
        # The benchmark's own key: the sessions it writes are signed with it.
        "SECRET_KEY": settings.SECRET_KEY,
    }
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "strategy_tracker.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "1", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def fetch(http, path, cookie, first_byte):
    """Milliseconds to the last byte of a page (or to its first byte)."""
    started = time.perf_counter()
    http.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = http.getresponse()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    if first_byte:
        response.read(1)
        elapsed = time.perf_counter() - started
        http.close()  # the rest of the export is not waited for
        return elapsed * 1000
    response.read()
    return (time.perf_counter() - started) * 1000


def run_sql(statements):
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def measure(port, page, cookie, repeat):
    """p50 of the page and of its plain SQL, alternating, after one warm-up of each."""
    http = http_connection(port)
    fetch(http, page.path, cookie, page.first_byte)
    run_sql(page.sql)
    times, bare = [], []
    for _ in range(repeat):
        if page.first_byte:
            http = http_connection(port)
        times.append(fetch(http, page.path, cookie, page.first_byte))
        bare.append(run_sql(page.sql))
    http.close()
    return statistics.median(times), statistics.median(bare)


def http_connection(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=600)
