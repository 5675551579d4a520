"""Every error of the API is JSON, never a page: `{"detail": …}` with the status code, and
field errors as `{"errors": {field: [messages]}}`."""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.views import exception_handler


def handle(exc, context):
    """rest_framework's handler (which sets `Retry-After` and `WWW-Authenticate`), with
    field errors under a key of their own so a client can tell them from a message."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Some parameters are not valid."), "errors": response.data}
    return response


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint. One that only lacks its final slash
    (`/api/v1/evidence`) is sent on to the endpoint, as the site's pages are."""
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            target = request.path + "/" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target)
    raise exceptions.NotFound(_("There is no such endpoint. The endpoints are listed at /api/v1/."))
