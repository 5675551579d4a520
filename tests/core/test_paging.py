"""Keyset paging (core.paging): every page of a list, the last included, costs the same
queries as the first; a cursor that is not one gives the first page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import paging
from evidence.models import Evidence
from tests.factories import EvidenceFactory

LIST = reverse("evidence:list")


@pytest.fixture
def items(staff):
    return EvidenceFactory.create_batch(60, author=staff)


def walk(client, params=None):
    """Every page from the first, following the next links; their items in order."""
    seen, params = [], dict(params or {})
    while True:
        page = client.get(LIST, params).context["page"]
        seen += [item.pk for item in page]
        if not page.has_next:
            return seen
        params["after"] = page.cursors["after"]


def test_walking_the_pages_lists_every_item_once_in_the_lists_order(client_for, manager, items):
    expected = sorted(items, key=lambda item: (item.date, item.pk), reverse=True)
    assert walk(client_for(manager)) == [item.pk for item in expected]


def queries_of(client, params):
    with CaptureQueriesContext(connection) as run:
        assert client.get(LIST, params).status_code == 200
    return len(run.captured_queries)


def test_a_deep_page_costs_the_queries_of_the_first(client_for, manager, items):
    client = client_for(manager)
    middle = client.get(LIST, {"after": client.get(LIST).context["page"].cursors["after"]})
    first = queries_of(client, {})
    assert queries_of(client, {"after": middle.context["page"].cursors["after"]}) == first
    assert queries_of(client, {"before": middle.context["page"].cursors["before"]}) == first
    assert queries_of(client, {"page": "last"}) == first
    EvidenceFactory.create_batch(40, author=items[0].author)
    assert queries_of(client, {"page": "last"}) == first


@pytest.mark.parametrize("cursor", ["", "~", "2017-13-01~5", "x~y", "2017-06-01~", "\x00~1"])
def test_a_cursor_that_is_not_one_gives_the_first_page(client_for, manager, items, cursor):
    client = client_for(manager)
    first = [item.pk for item in client.get(LIST).context["page"]]
    response = client.get(LIST, {"after": cursor})
    assert response.status_code == 200
    assert [item.pk for item in response.context["page"]] == first


def test_the_count_stops_at_its_cap(items):
    assert paging.capped_count(Evidence.objects.all(), up_to=50) == (50, True)
    assert paging.capped_count(Evidence.objects.all(), up_to=60) == (60, False)


def test_reading_in_keyset_chunks_gives_every_row_once_in_order_across_ties(items):
    # Three dates for 60 items: every chunk boundary falls inside a run of equal dates.
    for number, item in enumerate(items):
        Evidence.objects.filter(pk=item.pk).update(date=datetime.date(2019, 1, 1 + number % 3))
    rows = Evidence.objects.values_list("pk", "date")
    expected = list(rows.order_by("date", "pk"))
    chunked = paging.in_keyset_chunks(
        rows, paging.Keyset("date"), key=lambda row: (row[1], row[0]), size=7
    )
    with CaptureQueriesContext(connection) as queries:
        assert list(chunked) == expected
    # Eight chunks of seven and a short ninth: the reading stops there.
    assert len(queries) == 9
