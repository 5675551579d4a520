from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import files, paging
from core.access import (
    has_assigned_countries,
    has_role,
    is_assigned_staff,
    require,
    require_manager,
    require_role,
)
from core.roles import roles_of
from countries.access import country_for
from countries.models import Country
from objectives import selection
from objectives.selection import strategy_from

from . import access, attachments, history, presentation, services
from .filters import EvidenceFilter, QueueFilter
from .forms import AnswerForm, CommentForm, EvidenceForm, ReturnForm, selected_ids
from .models import Evidence, Transition


def _with_return_reason(queryset):
    """Annotate each item with the reason of its latest return, in the same query."""
    latest_return = Transition.objects.filter(
        evidence=OuterRef("pk"), to_status=Evidence.Status.RETURNED
    ).order_by("-at", "-pk")
    return queryset.annotate(return_reason=Subquery(latest_return.values("reason")[:1]))


@login_required
def home(request):
    roles = roles_of(request.user)
    context = {"has_role": has_role(request.user)}
    if context["has_role"]:
        # The strategy the page's links lead to (country pages, lists, dashboard, the form).
        strategy = selection.shown_strategy(request)
        context.update(
            strategy=strategy,
            strategy_query=f"?{urlencode({'strategy': strategy.slug})}" if strategy else "",
            switcher=selection.switcher(strategy, timezone.localdate()),
        )
    if roles.is_country_staff:
        mine = Evidence.objects.filter(author=request.user).with_related()
        context.update(
            countries=Country.objects.assigned_to(request.user),
            drafts=mine.filter(status=Evidence.Status.DRAFT),
            returned=_with_return_reason(mine.filter(status=Evidence.Status.RETURNED)),
            awaiting=mine.awaiting_verification(),
        )
    if roles.is_manager:
        queue = Evidence.objects.awaiting_verification()
        context.update(
            queue_count=queue.count(),
            queue=queue.with_related().with_waiting_since().order_by("waiting_since", "pk")[:5],
        )
    return render(request, "evidence/home.html", context)


# The lists' order, newest first (Meta.ordering and its index).
NEWEST_FIRST = paging.Keyset("date", descending=True)


@login_required
def evidence_list(request):
    require_role(request.user)
    strategy = strategy_from(request)
    visible = Evidence.objects.visible_to(request.user).of_strategy(strategy).with_related()
    filterset = EvidenceFilter(request.GET or None, queryset=visible, strategy=strategy)
    context = paging.filtered_page(request, filterset, NEWEST_FIRST)
    context.update(
        strategy=strategy,
        switcher=selection.switcher(strategy, timezone.localdate()),
        active_filters=presentation.active_filters(filterset),
        keep=[("strategy", strategy.slug)],
    )
    return render(request, "evidence/list.html", context)


@login_required
def queue(request):
    """What waits for verification, longest first, with filters, a count per country and
    a form to verify the items ticked."""
    require_manager(request.user)
    strategy = strategy_from(request)
    waiting = Evidence.objects.awaiting_verification()
    filterset = QueueFilter(
        request.GET or None, queryset=waiting.with_related().with_waiting_since(), strategy=strategy
    )
    context = paging.filtered_page(request, filterset, filterset.keyset())
    context.update(
        strategy=strategy,
        by_country=waiting.count_by_country(),
        active_filters=presentation.active_filters(filterset),
        keep=[("strategy", strategy.slug)],
    )
    return render(request, "evidence/queue.html", context)


@login_required
@require_POST
def verify_selected(request):
    """Verify the items ticked in the queue, each on its own; say which were refused."""
    require_manager(request.user)
    ids = selected_ids(request.POST.getlist("items"))
    if not ids:
        messages.error(request, _("Tick the items to verify first."))
    else:
        verified, refused = services.verify_many(evidence_ids=ids, actor=request.user)
        if verified:
            count = len(verified)
            messages.success(
                request,
                ngettext(
                    "%(count)d item verified: it now counts on the dashboard.",
                    "%(count)d items verified: they now count on the dashboard.",
                    count,
                )
                % {"count": count},
            )
        for evidence, why in refused:
            messages.error(request, presentation.refusal(evidence, why))
    back = QueryDict(request.POST.get("back", "")).urlencode()
    return redirect(f"{reverse('evidence:queue')}?{back}" if back else "evidence:queue")


@login_required
def detail(request, pk, *, invalid=None):
    """An item, its conversation and its history; `invalid` is a form sent back with its
    errors (a return without a reason, an empty comment…), shown in its place."""
    evidence = access.evidence_for(request.user, pk)
    user = request.user
    transitions = list(evidence.transitions.select_related("actor"))
    forms = {"return_form": ReturnForm(), "comment_form": CommentForm()}
    forms["answer_form"] = AnswerForm()
    if invalid is not None:
        forms[invalid[0]] = invalid[1]
    return render(
        request,
        "evidence/detail.html",
        {
            "evidence": evidence,
            "can_edit": access.can_edit(user, evidence),
            "can_verify": access.can_verify(user, evidence)
            and evidence.status == Evidence.Status.SUBMITTED,
            "can_comment": access.can_comment(user, evidence),
            "is_own_for_manager": roles_of(user).is_manager and evidence.author_id == user.pk,
            "transitions": transitions,
            "show_reasons": access.takes_part(user, evidence),
            "conversation": history.conversation(evidence, user, transitions),
            "changes": history.field_changes(evidence, user),
            **forms,
        },
        status=400 if invalid is not None else 200,
    )


def _save_action(request):
    return request.POST.get("action") == "submit"


def _new_form_initial(request):
    """The new-evidence form's first offer: the strategy a link named (or the default) and
    the country a country page's link named."""
    initial = {"strategy": strategy_from(request)}
    code = request.GET.get("country", "")
    if code:
        country = country_for(request.user, code)
        require(is_assigned_staff(request.user, country))
        initial["country"] = country
    return initial


@login_required
def new(request):
    require(has_assigned_countries(request.user))
    if request.method == "POST" and request.POST.get("action") == "strategy":
        # The author chose a strategy and asked for its sub-objectives (without scripts).
        form = EvidenceForm.shown_again(request.POST, user=request.user)
        if form.chosen_strategy is not None:
            messages.info(
                request,
                _("The dates and sub-objectives of %(strategy)s are shown. Nothing is saved yet.")
                % {"strategy": form.chosen_strategy},
            )
        if request.FILES.get("attachment"):
            messages.warning(request, _("Your file was not kept: choose it again before saving."))
    elif request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            submit = _save_action(request)
            evidence = services.create_evidence(
                author=request.user, data=form.evidence_data(), submit=submit
            )
            messages.success(
                request,
                _("Evidence submitted for verification.") if submit else _("Draft saved."),
            )
            return redirect(evidence)
    else:
        form = EvidenceForm(initial=_new_form_initial(request), user=request.user)
    return render(request, "evidence/form.html", {"form": form})


@login_required
def edit(request, pk):
    evidence = access.evidence_for(request.user, pk, action="edit")
    changes = None
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, instance=evidence, user=request.user)
        if form.is_valid():
            submit = _save_action(request)
            try:
                services.update_evidence(
                    evidence=evidence,
                    actor=request.user,
                    data=form.evidence_data(),
                    version=form.cleaned_data["version"],
                    submit=submit,
                )
            except services.StaleEdit as stale:
                changes = form.changed_since(stale.current)
                # Keep what was typed; the next save, made knowingly, is based on the
                # version just shown.
                data = request.POST.copy()
                data["version"] = stale.current.version
                form = EvidenceForm(data, instance=stale.current, user=request.user)
                form.is_valid()
                if request.FILES.get("attachment"):
                    form.note_dropped_attachment()
            else:
                messages.success(
                    request,
                    _("Evidence submitted for verification.") if submit else _("Changes saved."),
                )
                return redirect(evidence)
    else:
        form = EvidenceForm(instance=evidence, user=request.user)
    return render(
        request,
        "evidence/form.html",
        {"form": form, "evidence": evidence, "stale_changes": changes},
        status=409 if changes is not None else 200,
    )


def _act(request, move, success, **arguments):
    """Run a life-cycle step and say how it went: a step the item's status no longer
    allows (another manager was quicker, say) is a message, not an error page."""
    try:
        move(actor=request.user, **arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def submit(request, pk):
    evidence = access.evidence_for(request.user, pk, action="edit")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, invalid=("answer_form", form))
    _act(
        request,
        services.submit_evidence,
        _("Evidence submitted for verification."),
        evidence=evidence,
        answer=form.cleaned_data["answer"],
    )
    return redirect(evidence)


@login_required
@require_POST
def comment(request, pk):
    evidence = access.evidence_for(request.user, pk, action="comment")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, invalid=("comment_form", form))
    services.post_comment(evidence=evidence, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your comment is posted."))
    return redirect(f"{evidence.get_absolute_url()}#conversation")


@login_required
@require_POST
def verify(request, pk):
    evidence = access.evidence_for(request.user, pk, action="verify")
    _act(
        request,
        services.verify_evidence,
        _("Evidence verified: it now counts on the dashboard."),
        evidence=evidence,
    )
    return redirect("evidence:queue")


@login_required
@require_POST
def return_(request, pk):
    evidence = access.evidence_for(request.user, pk, action="verify")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, invalid=("return_form", form))
    _act(
        request,
        services.return_evidence,
        _("Evidence returned to its author with your reason."),
        evidence=evidence,
        reason=form.cleaned_data["reason"],
    )
    return redirect("evidence:queue")


@login_required
def attachment(request, pk):
    """Serve an attachment only to those who may see its evidence, as a download."""
    evidence = access.evidence_for(request.user, pk)
    return files.download(
        evidence.attachment,
        filename=evidence.attachment_name or None,
        content_type=attachments.content_type_of(evidence.attachment.name),
    )
