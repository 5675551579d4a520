from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import AccountForm


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The signed-in user's own settings: the site's language, and a link to change the
    password. A new language shows from the very next page, this message included."""
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        language = user.language or translation.get_language_from_request(request)
        with translation.override(language):
            messages.success(request, _("Your settings are saved."))
        response = redirect("account")
        if user.language:
            # The sign-in page keeps this language once the user has signed out.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
    return render(request, "accounts/account.html", {"form": form})
