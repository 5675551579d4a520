"""The evidence list's search (core.search): words found at the start of words of the
title, description or citation, every word needed, in any case and with or without
accents, French and English alike; through the full-text index on SQLite and PostgreSQL
alike; never more than the reader may see; any query answered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import search as core_search
from core.search import words
from evidence import search
from evidence.models import Evidence
from tests.factories import EvidenceFactory

LIST = reverse("evidence:list")


@pytest.fixture
def library(staff, niger):
    return {
        "fr": EvidenceFactory(
            author=staff,
            title="Réforme de la loi sur l'esclavage par ascendance",
            description="Le Défenseur des droits élève la voix à Nouakchott.",
        ),
        "en": EvidenceFactory(
            author=staff,
            title="Bonded labour in brick kilns",
            description="Inspections freed 40 workers.",
            source_citation="Labour ministry report, Café district",
        ),
    }


def found(client, text):
    response = client.get(LIST, {"q": text})
    assert response.status_code == 200
    return {item.title for item in response.context["page"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reforme", {"fr"}),  # accents ignored in the text
        ("RÉFORME", {"fr"}),  # and in the query, in any case
        ("eleve voix", {"fr"}),  # every word, anywhere in the fields
        ("défenseur Nouakchott", {"fr"}),
        ("bond", {"en"}),  # the start of a word
        ("kilns labour", {"en"}),
        ("cafe", {"en"}),  # the citation is searched too
        ("labour esclavage", set()),  # every word must appear
        ("onded", set()),  # not the middle of a word
    ],
)
def test_search_finds_words_in_french_and_english_accents_ignored(
    client_for, staff, library, text, expected
):
    assert found(client_for(staff), text) == {library[key].title for key in expected}


def test_search_follows_edits_and_deletions(client_for, staff, library):
    item = library["en"]
    item.title = "Débonnaire inspection"
    item.save()
    assert found(client_for(staff), "debonnaire") == {item.title}
    assert found(client_for(staff), "kilns") == set()
    item.delete()
    assert found(client_for(staff), "debonnaire") == set()


@pytest.mark.parametrize(
    "text",
    ['"', "*", "a & b | !c", "NEAR(a b)", "title:bond", "'); DROP TABLE x; --", "(", ":*", "ذ"],
)
def test_any_query_is_answered(client_for, staff, library, text):
    # Only letters and digits make words: a query without any lists everything.
    expected = set() if words(text) else {item.title for item in library.values()}
    assert found(client_for(staff), text) == expected


def test_search_never_shows_what_the_reader_may_not_see(
    client_for, other_staff, outsider, india, library
):
    assert found(client_for(other_staff), "esclavage") == {library["fr"].title}
    library["fr"].confidential = True
    library["fr"].save()
    assert found(client_for(other_staff), "esclavage") == set()
    assert client_for(outsider).get(LIST, {"q": "esclavage"}).status_code == 403


def test_search_reads_the_full_text_index(library):
    with CaptureQueriesContext(connection) as run:
        condition = search.INDEX.condition(["reforme"])
    assert list(Evidence.objects.filter(condition)) == [library["fr"]]
    if connection.vendor == "postgresql":
        # The matches are listed from the index first; a table this small would be read
        # whole, the question is whether the index can serve.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + run.captured_queries[-1]["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "evidence_evidence_search_idx" in plan
    else:
        assert "evidence_evidence_search" in str(Evidence.objects.filter(condition).query)


def test_a_common_word_is_matched_in_the_lists_order_not_listed(library, monkeypatch):
    monkeypatch.setattr(core_search, "MAX_LISTED", 0)
    condition = search.INDEX.condition(["labour"])
    assert list(Evidence.objects.filter(condition)) == [library["en"]]
