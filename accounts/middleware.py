from django.utils import translation


class UserLanguageMiddleware:
    """Show the site in the language stored on the signed-in user's profile.

    Runs after authentication; `LocaleMiddleware` has already picked a language
    from the browser, which the profile overrides when set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(request.user, "language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response
