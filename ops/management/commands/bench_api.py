import datetime
import statistics
from unittest import mock

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import User
from api.pagination import PAGE_SIZE, encode_cursor, rows_from
from api.services import create_token
from api.views import EvidenceViewSet
from core.roles import COUNTRY_STAFF
from countries.models import Assignment
from evidence.models import Evidence
from objectives.models import SubObjective
from ops import volume

from . import bench_dashboard
from .bench_dashboard import _milliseconds, _percentile

# Targets (docs/performance.md, "Read API").
MAX_PAGE_MS = 100
MAX_ROLLUP_RATIO = 1.0  # the roll-up endpoint no slower than the dashboard page, within noise
NOISE = 1.15


class Command(bench_dashboard.Command):
    help = (
        "Measure the read API at growing numbers of evidence items on the configured "
        "database: a page of 100 evidence items at the first and at the last page (as a "
        "manager and as country staff, through their tokens), against the bare query of "
        "the page's rows, and the roll-up endpoint against the dashboard page. Generates "
        "the synthetic evidence missing for each size, like bench_dashboard, on a database "
        "of its own."
    )

    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False)
    def _measure(self, client, strategy, repeat):
        manager = self._manager()
        staff = self._staff(strategy)
        # The benchmark measures requests, not the rate limit's refusals.
        rates = {"token": "1000000/min", "address": "1000000/min"}
        with mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", rates):
            rows = [
                *self._pages("manager", manager, strategy, repeat),
                *self._pages("staff", staff, strategy, repeat),
                self._rollup(client, manager, strategy, repeat),
            ]
        return {"evidence": volume.synthetic_evidence().count(), "rows": rows}

    def _staff(self, strategy):
        """Country staff of the first target country: the reader whose visibility rule is
        the longest (own items, others' non-confidential ones, their country's)."""
        staff = User.objects.get_or_create(username="synthetic-bench-staff")[0]
        staff.groups.set([Group.objects.get(name=COUNTRY_STAFF)])
        country = strategy.target_countries.order_by("code").first()
        Assignment.objects.get_or_create(user=staff, country=country)
        return staff

    def _headers(self, user):
        expires = timezone.now() + datetime.timedelta(hours=1)
        _token, key = create_token(user=user, name="Benchmark", expires_at=expires)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def _pages(self, who, user, strategy, repeat):
        client, headers = Client(), self._headers(user)
        sub_objectives = list(
            SubObjective.objects.of_strategy(strategy).values_list("pk", flat=True)
        )
        visible = Evidence.objects.visible_to(user).filter(sub_objective_id__in=sub_objectives)
        count = visible.count()
        last_start = max(count - 1, 0) // PAGE_SIZE * PAGE_SIZE
        # The cursor `next` leads to on the last page: the ordering values of the row before it.
        before_last = None
        if last_start:
            keyset_rows = rows_from(visible, EvidenceViewSet.keyset).values_list("date", "id")
            before_last = list(keyset_rows[last_start - 1])
        base = reverse("api:evidence-list") + f"?strategy={strategy.slug}&page_size={PAGE_SIZE}"
        pages = {"first": (base, None), "last": (base, before_last)}
        return [
            self._page(client, headers, who, name, url, after, visible, repeat)
            for name, (url, after) in pages.items()
        ]

    def _page(self, client, headers, who, name, url, after, visible, repeat):
        if after is not None:
            url += f"&cursor={encode_cursor(after)}"

        def fetch():
            answer = client.get(url, **headers)
            if answer.status_code != 200:
                raise CommandError(f"The API answered {answer.status_code}: {answer.content}")
            return answer

        # The page's own query of its rows, alone: no token, roles, serializing or JSON.
        rows = rows_from(visible.with_related(), EvidenceViewSet.keyset, after)

        def bare():
            list(rows[: PAGE_SIZE + 1])

        size = len(fetch().json()["results"])
        return self._timed(f"evidence, {name} page ({size} rows), {who}", fetch, bare, repeat)

    def _rollup(self, client, manager, strategy, repeat):
        api, headers = Client(), self._headers(manager)
        query = f"?strategy={strategy.slug}"
        rollup_url = reverse("api:strategy-rollup", args=[strategy.slug])

        def endpoint():
            api.get(rollup_url, **headers)

        def dashboard():
            client.get(reverse("dashboard:index") + query)

        return self._timed("roll-up, against the dashboard page", endpoint, dashboard, repeat)

    def _timed(self, what, measured, compared, repeat):
        measured()
        compared()
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
        ):
            measured()
        times, others = [], []
        for _ in range(repeat):
            times.append(_milliseconds(measured))
            others.append(_milliseconds(compared))
        p50, other_p50 = statistics.median(times), statistics.median(others)
        return {
            "what": what,
            "queries": len(queries),
            "p50_ms": round(p50, 1),
            "p95_ms": round(_percentile(times, 95), 1),
            "compared_p50_ms": round(other_p50, 1),
            "ratio": round(p50 / other_p50, 2),
        }

    def _report(self, results, repeat):
        largest = results[-1]["rows"]
        pages = [row for row in largest if row["what"].startswith("evidence")]
        rollup_row = largest[-1]
        checks = {
            f"pages_p50_under_{MAX_PAGE_MS}_ms": all(r["p50_ms"] < MAX_PAGE_MS for r in pages),
            "page_queries_constant": len({r["queries"] for r in pages}) <= 2,
            "rollup_no_slower_than_dashboard": rollup_row["ratio"] <= MAX_ROLLUP_RATIO * NOISE,
        }
        return {
            "database": connection.vendor,
            "database_version": bench_dashboard._version(),
            "repeat": repeat,
            "results": results,
            "targets_met_at_largest_size": checks,
        }

    def _print(self, report):
        self.stdout.write(
            f"\nRead API on {report['database']} {report['database_version']}, "
            f"{report['repeat']} requests per measure\n"
        )
        titles = ["items", "what", "queries", "p50 ms", "p95 ms", "compared p50", "ratio"]
        self.stdout.write(" | ".join(titles))
        for result in report["results"]:
            for row in result["rows"]:
                values = [result["evidence"], *row.values()]
                self.stdout.write(" | ".join(str(value) for value in values))
        self.stdout.write("")
        for name, met in report["targets_met_at_largest_size"].items():
            style = self.style.SUCCESS if met else self.style.ERROR
            self.stdout.write(style(f"{'met' if met else 'MISSED':>6}  {name}"))
