"""Pagination shared by the list pages, so that page links keep the reader's filters.

Long lists (evidence, the queue, the evidence behind a drill-down) are paged by keyset:
a page is the rows after (or before) the last (first) row of the page the reader came
from, in the list's order, found through the index of that order. Page 4,000 then costs
what page 1 costs, where OFFSET would walk 100,000 index entries to reach it. Their
count is capped (`COUNT_UP_TO`): counting every row a reader may see would read them all.
Short lists (the resources library) keep numbered pages (`page_of`).
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q

PAGE_SIZE = 25
# Lists say how many rows they hold up to this many, then "more than" it.
COUNT_UP_TO = 1000
LAST = "last"


def page_of(request, queryset):
    """The page of `queryset` that `?page=` asks for; a bad number gives the first or
    last page rather than an error."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request):
    """The query string minus the page's own parameters, for page links that keep the
    other parameters."""
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    return query.urlencode()


@dataclass(frozen=True)
class Keyset:
    """A list's order: a field that is never null, then the primary key, both ascending or
    both descending. An index on (field, id) in that order makes every page cheap."""

    field: str
    descending: bool = False

    def order_by(self, reverse=False):
        sign = "-" if self.descending != reverse else ""
        return [f"{sign}{self.field}", f"{sign}pk"]

    def beyond(self, value, pk, reverse=False):
        """Rows past (value, pk) in this order (or, reversed, before it). Written as a range
        on the field plus a tie-break, so the database bounds its index scan by it."""
        later = self.descending == reverse
        bound, strict = ("gte", "gt") if later else ("lte", "lt")
        return Q(**{f"{self.field}__{bound}": value}) & (
            Q(**{f"{self.field}__{strict}": value}) | Q(**{f"pk__{strict}": pk})
        )

    def cursor(self, item):
        value = getattr(item, self.field)
        return f"{value.isoformat() if hasattr(value, 'isoformat') else value}~{item.pk}"

    def parse(self, model, cursor):
        """(value, pk) from a cursor of this order, or None if it is not one."""
        value, _, pk = (cursor or "").rpartition("~")
        try:
            parsed = model._meta.get_field(self.field).to_python(value)
            if isinstance(parsed, datetime.datetime) and parsed.tzinfo is None:
                return None
            return parsed, int(pk)
        except (ValidationError, ValueError):
            return None


@dataclass
class KeysetPage:
    items: list
    count: int
    more_than_count: bool
    has_previous: bool
    has_next: bool
    cursors: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index]

    @property
    def object_list(self):
        return self.items


def in_keyset_chunks(queryset, keyset, *, key, size):
    """Every row of `queryset` in `keyset`'s order, read `size` rows at a time, each chunk
    from where the last ended through the order's index; `key(row)` gives a row's (field
    value, pk). The first rows come at once whatever the size of the table, where one
    ordered query makes the database sort every row before the first, and no query stays
    open between chunks."""
    where = None
    while True:
        rows = queryset.order_by(*keyset.order_by())
        chunk = list((rows.filter(where) if where is not None else rows)[:size])
        yield from chunk
        if len(chunk) < size:
            return
        where = keyset.beyond(*key(chunk[-1]))


def capped_count(queryset, up_to=COUNT_UP_TO):
    """How many rows, reading at most `up_to` + 1 of them: (count, more than that?)."""
    count = queryset.order_by().values("pk")[: up_to + 1].count()
    return min(count, up_to), count > up_to


def _rows(queryset, keyset, where, reverse, size):
    rows = queryset.order_by(*keyset.order_by(reverse))
    rows = list((rows.filter(where) if where is not None else rows)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return (rows[::-1] if reverse else rows), more


def keyset_page(request, queryset, keyset, *, size=PAGE_SIZE):
    """The page `?after=`, `?before=` or `?page=last` asks for; without one, or with a
    cursor that is not one, the first page. Two queries: the rows and the capped count."""
    after = keyset.parse(queryset.model, request.GET.get("after"))
    before = keyset.parse(queryset.model, request.GET.get("before"))
    if after:
        items, has_next = _rows(queryset, keyset, keyset.beyond(*after), False, size)
        has_previous = True
    elif before:
        items, has_previous = _rows(
            queryset, keyset, keyset.beyond(*before, reverse=True), True, size
        )
        has_next = True
    elif request.GET.get("page") == LAST:
        items, has_previous = _rows(queryset, keyset, None, True, size)
        has_next = False
    else:
        items, has_next = _rows(queryset, keyset, None, False, size)
        has_previous = False
    count, more = capped_count(queryset)
    cursors = (
        {"after": keyset.cursor(items[-1]), "before": keyset.cursor(items[0])} if items else {}
    )
    return KeysetPage(
        items, count, more, has_previous and bool(items), has_next and bool(items), cursors
    )


def filtered_page(request, filterset, keyset=None):
    """Template context for a filtered list, paged by keyset when given one. An invalid
    filter shows its error and no results, rather than silently all of them."""
    invalid = filterset.is_bound and not filterset.is_valid()
    results = filterset.queryset.none() if invalid else filterset.qs
    return {
        "filter": filterset,
        "page": keyset_page(request, results, keyset) if keyset else page_of(request, results),
        "query": query_without_page(request),
    }
