"""Pagination shared by the list pages, so that page links keep the reader's filters."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def page_of(request, queryset):
    """The page of `queryset` that `?page=` asks for; a bad number gives the first or
    last page rather than an error."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request):
    """The query string minus `page`, for page links that keep the other parameters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def filtered_page(request, filterset):
    """Template context for a filtered list. An invalid filter shows its error and no
    results, rather than silently all of them."""
    invalid = filterset.is_bound and not filterset.is_valid()
    results = filterset.queryset.none() if invalid else filterset.qs
    return {
        "filter": filterset,
        "page": page_of(request, results),
        "query": query_without_page(request),
    }
