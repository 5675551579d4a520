"""Keyset pagination: each page continues after the last row of the previous one.

`?cursor=` carries the ordering values of that row; the next page is the rows that sort
after it, read from an index in the list's order. A page therefore costs the same at the
first page and the thousandth (an offset would make the database count its way there),
and rows added or removed meanwhile neither repeat nor skip others. There is no total:
counting every visible row on each page would cost what keyset paging saves.
"""

import base64
import datetime
import json

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def encode_cursor(values):
    """The cursor of the page that starts after a row with these ordering values."""
    raw = json.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor, fields):
    """The ordering values a cursor carries; 400 for anything this API did not make."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not (isinstance(values, list) and len(values) == len(fields)):
            raise ValueError
        return [_parse(value, kind) for value, (_name, kind) in zip(values, fields, strict=True)]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise exceptions.ValidationError({"cursor": [_("This cursor is not valid.")]}) from None


def _parse(value, kind):
    if kind is datetime.date:
        return datetime.date.fromisoformat(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is str and isinstance(value, str):
        return value
    raise ValueError


def _after(fields, values):
    """Rows after `values` in the order of `fields` (each "-name" descending): the
    lexicographic comparison written as (a > x) or (a = x and b > y) …"""
    condition = Q()
    equal = {}
    # The first field's bound, redundant with the rest, lets the database start its index
    # scan at the cursor instead of reading from the top and filtering.
    first, first_value = fields[0][0], values[0]
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": first_value})
    for (field, _kind), value in zip(fields, values, strict=True):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{name}__{lookup}": value})
        equal[name] = value
    return bound & condition


def rows_from(queryset, fields, after=None):
    """`queryset` in the order of `fields`, from the row after the one whose ordering
    values are `after` (from the top without)."""
    ordered = queryset.order_by(*(field for field, _kind in fields))
    return ordered if after is None else ordered.filter(_after(fields, after))


class KeysetPagination(BasePagination):
    """Pages in the order of the view's `keyset`: ((field, type), …), ending with a unique
    field, e.g. (("-date", datetime.date), ("-id", int))."""

    def page_size(self, request):
        raw = request.query_params.get("page_size", "")
        if not raw:
            return PAGE_SIZE
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise exceptions.ValidationError(
                {"page_size": [_("Give a number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        fields = view.keyset
        size = self.page_size(request)
        cursor = request.query_params.get("cursor")
        after = _decode(cursor, fields) if cursor else None
        rows = list(rows_from(queryset, fields, after)[: size + 1])
        self.next_url = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            values = [getattr(last, field.lstrip("-")) for field, _kind in fields]
            self.next_url = replace_query_param(
                request.build_absolute_uri(), "cursor", encode_cursor(values)
            )
        return rows

    def get_paginated_response(self, data):
        return Response({"next": self.next_url, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Where the page starts: copy it from the previous page's `next`.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per page, 1 to {MAX_PAGE_SIZE} ({PAGE_SIZE} by default).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
