"""The read pages over real HTTP at growing evidence counts (`manage.py bench_pages`).

A gunicorn server (one worker, one thread, DEBUG off, as `make serve`) serves the
benchmark's database; each page is requested over one kept-alive HTTP connection with
the session cookie of a manager or of country staff, and timed to its last byte (exports:
to their first byte). Beside each page, the plain SQL that page needs for its data is
timed the same way: sent as SQL text over one persistent database connection, no ORM,
its rows fetched. Pages and their SQL alternate, so load from elsewhere on the machine
weighs on both alike.
"""

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
from django.db import connection
from django.db.models import Sum
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


def pages(strategy, country, manager):
    """The pages of the issue, each with the plain SQL of its data."""
    countries, subs = rollup.target_cells(strategy)
    cells = {
        "country_id__in": [c.pk for c in countries],
        "sub_objective_id__in": [s.pk for s in subs],
    }
    summaries = _sql(CellSummary.objects.filter(**cells))
    months = _sql(
        CellMonthCount.objects.filter(**cells)
        .order_by()
        .values_list("sub_objective_id", "level", "month")
        .annotate(n=Sum("verified"))
    )
    one_country = _sql(CellSummary.objects.filter(country=country, sub_objective__in=subs))
    visible = Evidence.objects.visible_to(manager).of_strategy(strategy)
    newest = visible.order_by("-date", "-pk").values_list("pk", "date", "title")
    oldest = visible.order_by("date", "pk").values_list("pk", "date", "title")
    found = visible.filter(INDEX.condition(["bonded"])).order_by("-date", "-pk")
    q = f"?strategy={strategy.slug}"
    code = country.code.code.lower()
    verified_here = newest.filter(status=Evidence.Status.VERIFIED, country=country)
    queue = Evidence.objects.awaiting_verification().order_by("submitted_at", "pk")
    return [
        Page("dashboard", reverse("dashboard:index") + q, "manager", [summaries, months]),
        Page(
            "country drill-down",
            reverse("dashboard:country", args=[code]) + q,
            "manager",
            [one_country, _sql(verified_here, 26)],
        ),
        Page(
            "sub-objective drill-down",
            reverse("dashboard:sub_objective", args=[subs[0].pk]) + q,
            "manager",
            [summaries, _sql(newest.filter(status="verified", sub_objective=subs[0]), 26)],
        ),
        Page(
            "country page",
            reverse("countries:detail", args=[code]) + q,
            "manager",
            [one_country, _sql(newest.filter(country=country), 26)],
        ),
        Page(
            "evidence list, first page", reverse("evidence:list") + q, "manager", [_sql(newest, 26)]
        ),
        Page(
            "evidence list, last page",
            reverse("evidence:list") + q + "&page=last",
            "manager",
            [_sql(oldest, 26)],
        ),
        Page(
            "evidence list, ?q=bonded",
            reverse("evidence:list") + q + "&q=bonded",
            "manager",
            [_sql(found, 26)],
        ),
        Page("evidence list as staff", reverse("evidence:list") + q, "staff", [_sql(newest, 26)]),
        Page("queue, first page", reverse("evidence:queue") + q, "manager", [_sql(queue, 26)]),
        Page(
            "queue, last page",
            reverse("evidence:queue") + q + "&page=last",
            "manager",
            [_sql(queue.reverse(), 26)],
        ),
        Page(
            "evidence CSV, first byte",
            reverse("dashboard:export_evidence", args=["csv"]) + q,
            "manager",
            [_sql(oldest, 26)],
            first_byte=True,
        ),
    ]


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
