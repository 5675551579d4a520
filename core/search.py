"""Free-text search, one function for every list (`matching`): the words typed are found
at the start of words of the searched fields, in any case and with or without accents
("reforme" finds "Réforme", "bond" finds "bonded labour"), French and English alike (no
stemming, which would suit one language and garble the other). Every word must appear.

A model's fields are searched through a full-text index where its migration built one
(`SearchIndex`): on PostgreSQL a GIN index over `to_tsvector('simple', …)` of the fields
with accents removed (the `unaccent` extension, behind an immutable wrapper the index may
call); on SQLite an FTS5 table kept in step by triggers, whose tokenizer removes accents.
Either way a search reads the index, not every row. Without an index (a short list, or
another database) the same words are matched with `icontains`.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

# Words as the indexes split them: letters and digits. Anything else in the query (quotes,
# operators of either full-text syntax) only separates words, so no query is invalid.
WORD = re.compile(r"\w+", re.UNICODE)
# At most this many words count, so that no query is made expensive by its length.
MAX_WORDS = 8
UNACCENT = "st_unaccent"
# Matches a PostgreSQL search reads as a list of rows (`SearchIndex._postgresql_condition`).
MAX_LISTED = 5_000


def words(text):
    return WORD.findall(text or "")[:MAX_WORDS]


@dataclass(frozen=True)
class SearchIndex:
    """A full-text index over some text fields of one table."""

    table: str
    fields: tuple

    @property
    def fts_table(self):
        return f"{self.table}_search"

    def _document(self):
        """The indexed expression; a query must repeat it exactly to use the index."""
        text = " || ' ' || ".join(f"coalesce({self.table}.{name}, '')" for name in self.fields)
        return f"to_tsvector('simple'::regconfig, {UNACCENT}({text}))"

    def create(self, schema_editor):
        statements = {"postgresql": self._postgresql, "sqlite": self._sqlite}.get(
            schema_editor.connection.vendor
        )
        for sql in statements() if statements else []:
            schema_editor.execute(sql)

    def drop(self, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.table}_search_idx")
        elif vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.fts_table}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {self.fts_table}")

    def _postgresql(self):
        return [
            "CREATE EXTENSION IF NOT EXISTS unaccent",
            # unaccent() is only STABLE (its dictionary could change); an index needs an
            # IMMUTABLE function, and naming the dictionary makes it safe to declare so.
            f"CREATE OR REPLACE FUNCTION {UNACCENT}(text) RETURNS text LANGUAGE sql "
            "IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$",
            f"CREATE INDEX IF NOT EXISTS {self.table}_search_idx ON {self.table} "
            f"USING gin (({self._document()}))",
        ]

    def _sqlite(self):
        columns = ", ".join(self.fields)
        new = ", ".join(f"new.{name}" for name in self.fields)
        old = ", ".join(f"old.{name}" for name in self.fields)
        fts = self.fts_table
        delete = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});"
        insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"
        trigger = f"CREATE TRIGGER IF NOT EXISTS {fts}"
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, "
            f"content='{self.table}', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')",
            f"{trigger}_ai AFTER INSERT ON {self.table} BEGIN {insert} END",
            f"{trigger}_ad AFTER DELETE ON {self.table} BEGIN {delete} END",
            # Only edits of the searched fields rewrite the item's entry.
            f"{trigger}_au AFTER UPDATE OF {columns} ON {self.table} BEGIN {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]

    def condition(self, found):
        """The filter selecting rows whose fields hold every word of `found`."""
        if connection.vendor == "postgresql":
            return self._postgresql_condition(" & ".join(f"{word}:*" for word in found))
        if connection.vendor == "sqlite":
            query = " ".join(f'"{word}"*' for word in found)
            rows = f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH %s"
            return Q(pk__in=RawSQL(rows, [query]))
        return None

    def _postgresql_condition(self, query):
        """PostgreSQL cannot estimate how many rows a prefix query matches, and guessing
        many, it walks the list's order testing each row, which reads the whole table for
        a rare word. So the index is asked first for up to `MAX_LISTED` matches: fewer
        than that, the list reads just those rows; more, the word is common and walking
        the list's order meets the first page's matches quickly."""
        match = f"{self._document()} @@ to_tsquery('simple'::regconfig, {UNACCENT}(%s))"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {self.table} WHERE {match} LIMIT %s", [query, MAX_LISTED + 1]
            )
            ids = [row[0] for row in cursor.fetchall()]
        if len(ids) <= MAX_LISTED:
            return Q(pk__in=ids)
        return RawSQL(match, [query], output_field=BooleanField())


def matching(queryset, text, *, fields, index=None):
    """The rows of `queryset` in which every word of `text` starts a word of one of
    `fields`, through `index` (a `SearchIndex` over those fields) when there is one."""
    found = words(text)
    if not found:
        return queryset
    condition = index.condition(found) if index else None
    if condition is not None:
        return queryset.filter(condition)
    for word in found:
        queryset = queryset.filter(
            Q.create([(f"{name}__icontains", word) for name in fields], connector=Q.OR)
        )
    return queryset
