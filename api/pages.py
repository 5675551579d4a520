"""The pages of *Your account* where people make and revoke their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import require_role

from . import services
from .forms import TokenForm
from .models import ApiToken


def _tokens_page(request, form, *, new_key=None, status=200):
    tokens = request.user.api_tokens.prefetch_related("countries")
    context = {"form": form, "tokens": tokens, "new_key": new_key, "now": timezone.now()}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """Your tokens, and a form for a new one. The new token's key is shown on the page that
    answers the form, once: only its digest is kept."""
    require_role(request.user)
    if request.method != "POST":
        return _tokens_page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form, status=400)
    token, key = services.create_token(
        user=request.user,
        name=form.cleaned_data["name"],
        expires_at=form.expires_at(),
        countries=form.cleaned_data["countries"],
    )
    return _tokens_page(request, TokenForm(), new_key=(token, key))


@login_required
@require_POST
def revoke(request, pk):
    """Revoke one of your own tokens (admins revoke anyone's in the admin)."""
    require_role(request.user)
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(token=token, actor=request.user)
    messages.success(
        request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("tokens:list")
