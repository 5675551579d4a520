"""How the API talks: keyset pages, JSON errors, throttling, conditional roll-up reads."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import SimpleRateThrottle

from ..factories import EvidenceFactory

EVIDENCE = "/api/v1/evidence/"
ROLLUP = "/api/v1/strategies/2015-2020/rollup/"


def _pages(api, url):
    """Every page of a list, following `next`."""
    pages = []
    while url:
        answer = api.get(url)
        assert answer.status_code == 200, answer.content
        pages.append(answer.json()["results"])
        url = answer.json()["next"]
    return pages


def test_pages_follow_one_another_without_repeat_or_gap(strategy, manager, api_as):
    # Several items share each date, so the order needs the id to break ties.
    for n in range(23):
        EvidenceFactory(date=datetime.date(2017, 1, 1 + n % 4))
    pages = _pages(api_as(manager), f"{EVIDENCE}?page_size=5")
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    rows = [(row["date"], row["id"]) for page in pages for row in page]
    assert rows == sorted(rows, reverse=True)
    assert len(set(rows)) == 23
    row = pages[-1][-1]
    assert row["page"] == f"http://testserver/evidence/{row['id']}/"


def test_a_page_costs_the_same_queries_however_deep(strategy, manager, api_as):
    for n in range(30):
        EvidenceFactory(date=datetime.date(2016 + n % 5, 2, 1))
    api = api_as(manager)
    first = api.get(f"{EVIDENCE}?page_size=10")
    with CaptureQueriesContext(connection) as on_first:
        api.get(f"{EVIDENCE}?page_size=10")
    deep = first.json()["next"]
    deep = api.get(deep).json()["next"]
    with CaptureQueriesContext(connection) as on_third:
        assert len(api.get(deep).json()["results"]) == 10
    assert len(on_first) == len(on_third) <= 8


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=WyIyMDE3LTAxLTAxIl0", "cursor"),  # one value where two are needed
        ("page_size=0", "page_size"),
        ("page_size=100000", "page_size"),
        ("date_from=yesterday", "date_from"),
        ("rating=7", "rating"),
        ("q=%00", "q"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(query, parameter, strategy, manager, api_as):
    answer = api_as(manager).get(f"{EVIDENCE}?{query}")
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert parameter in answer.json()["errors"]


def test_errors_are_json_never_a_page(strategy, staff, manager, outsider, api_as):
    answers = {
        401: api_as(None).get(EVIDENCE),
        403: api_as(outsider).get(EVIDENCE),
        404: api_as(staff).get("/api/v1/evidence/999999/"),
    }
    answers[404.1] = api_as(staff).get("/api/v2/anything")
    answers[405] = api_as(staff).post(EVIDENCE, {})
    answers[400] = api_as(manager).get(f"{ROLLUP}?as_of=2020-13-45")
    for status, answer in answers.items():
        assert answer.status_code == int(status)
        assert answer["Content-Type"] == "application/json", status
        assert answer.json()["detail"]


@pytest.fixture
def rates(monkeypatch):
    """`rates(token=…, address=…)`: throttle rates for one test."""

    def set_rates(**rates):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)

    return set_rates


def test_an_address_without_its_final_slash_leads_to_the_endpoint(strategy, staff, api_as):
    answer = api_as(staff).get("/api/v1/evidence?status=verified")
    assert answer.status_code == 301
    assert answer["Location"] == "/api/v1/evidence/?status=verified"
    assert api_as(staff).get("/api/v1/nothing").status_code == 404


def test_a_token_is_slowed_down_with_a_429_and_retry_after(rates, strategy, staff, api_as):
    rates(token="3/min", address="100/min")
    api = api_as(staff)
    assert [api.get(EVIDENCE).status_code for _ in range(3)] == [200] * 3
    refused = api.get(EVIDENCE)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another token of the same user has its own allowance.
    assert api_as(staff).get(EVIDENCE).status_code == 200


def test_guessing_tokens_is_slowed_down_by_address(rates, strategy, client):
    rates(token="100/min", address="2/min")
    codes = [
        client.get(EVIDENCE, HTTP_AUTHORIZATION=f"Bearer st_guess{n}").status_code for n in range(3)
    ]
    assert codes == [401, 401, 429]


def test_the_rollup_answers_304_until_its_figures_change(strategy, manager, niger, api_as):
    EvidenceFactory(country=niger, rating=2)
    api = api_as(manager)
    first = api.get(f"{ROLLUP}?as_of=2020-12-31")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "private, no-cache"
    again = api.get(f"{ROLLUP}?as_of=2020-12-31", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    EvidenceFactory(country=niger, rating=3, kind="law", level="national")
    changed = api.get(f"{ROLLUP}?as_of=2020-12-31", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["headline"]["countries"] == 1
    assert modified


def test_the_rollup_queries_do_not_grow_with_the_evidence(strategy, manager, api_as):
    """The dashboard's few aggregate queries, plus the token, its countries, the user's
    roles, the qualifying evidence and the two history dates behind Last-Modified."""
    api = api_as(manager)
    api.get(ROLLUP)  # records the token's first use
    counts = []
    for _round in range(2):
        for n in range(20):
            EvidenceFactory(date=datetime.date(2015 + n % 6, 3, 1), rating=n % 4)
        with CaptureQueriesContext(connection) as queries:
            assert api.get(ROLLUP).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 13


def test_the_headline_names_the_evidence_that_made_each_country_count(
    strategy, manager, niger, api_as
):
    first = EvidenceFactory(country=niger, rating=3, date=datetime.date(2017, 3, 1))
    EvidenceFactory(country=niger, rating=3, level="local", date=datetime.date(2016, 1, 1))
    EvidenceFactory(country=niger, rating=3, date=datetime.date(2019, 1, 1))
    headline = api_as(manager).get(f"{ROLLUP}?as_of=2020-12-31").json()["headline"]
    assert headline["significant_change"] == [
        {"country": "NE", "since": "2017-03-01", "qualifying_evidence": [first.pk]}
    ]
    assert [year["countries"] for year in headline["by_year"]] == [0, 0, 1, 1, 1, 1]
