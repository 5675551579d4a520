from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.access import require_role

from . import services
from .emails import read_unsubscribe_token
from .forms import PreferencesForm
from .kinds import KINDS


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Which emails the signed-in user receives, and how; reached from Your account."""
    require_role(request.user)
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            user=request.user, choices=form.choices(), countries=form.countries()
        )
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# RFC 8058: mail systems POST "List-Unsubscribe=One-Click" to the address in the email's
# List-Unsubscribe header, with no cookies and no way to fetch a CSRF token, so the
# signed token in the address is the proof and the view is open and exempt from CSRF.
# A GET (someone following the link) only shows a page that asks to confirm.
@login_not_required
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, kinds = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404 from None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    done = request.method == "POST"
    if done:
        services.stop(user=user, kinds=kinds)
    # In the language of the emails it comes from.
    with translation.override(user.language or translation.get_language()):
        return render(
            request,
            "notifications/unsubscribe.html",
            {"kinds": [KINDS[slug] for slug in kinds], "done": done},
        )
