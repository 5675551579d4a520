"""Middleware of the whole site."""


class PrivateNoStoreMiddleware:
    """Nothing shown to a signed-in user is kept by a browser or proxy cache.

    Their pages, lists, downloads and exports hold evidence (confidential included) and
    personal data: `Cache-Control: private, no-store` on every response to a signed-in
    user, whatever the view. Static files are served before this runs (whitenoise) and
    keep their long cache. A view that chose a private policy of its own keeps it: the
    API's roll-up is `private, no-cache`, so a client may keep it and ask again with its
    ETag, while no shared cache ever does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        chosen = response.get("Cache-Control", "")
        if request.user.is_authenticated and not chosen.startswith("private"):
            response["Cache-Control"] = "private, no-store"
        return response
