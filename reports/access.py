"""Who may read and act on narratives and reports. The role and assignment questions come
from `core.access`; reads go through `Narrative.objects.visible_to`, so a narrative a user
may not see is not found (404), and one they may see but not act on is refused (403)."""

from django.shortcuts import get_object_or_404

from core.access import is_assigned_staff, is_manager, require, require_manager

from .models import Narrative, ReportFile


def can_write(user, country):
    """Staff write their countries' narratives."""
    return is_assigned_staff(user, country)


def can_edit(user, narrative):
    return narrative.is_editable and can_write(user, narrative.country)


def can_review(user, narrative):
    """Managers approve or return a submitted narrative, never one they submitted."""
    return (
        is_manager(user)
        and narrative.status == Narrative.Status.SUBMITTED
        and narrative.author_id != user.pk
    )


def narrative_for(user, pk, *, action="view"):
    """The narrative `pk` if `user` may do `action` ("view", "edit", "review") with it."""
    narrative = get_object_or_404(
        Narrative.objects.visible_to(user).select_related("country", "strategy", "author"), pk=pk
    )
    if action == "edit":
        require(can_edit(user, narrative))
    elif action == "review":
        require(can_review(user, narrative))
    return narrative


def require_report_reader(user):
    """The report is read by managers and admins, as the dashboard is."""
    require_manager(user)


def report_file_for(user, pk):
    """A report's PDF, for managers and admins (a report holds nothing one manager may read
    and another may not)."""
    require_report_reader(user)
    return get_object_or_404(ReportFile.objects.select_related("strategy"), pk=pk)
