from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.transitions import TransitionsInline

from .models import Evidence, Transition


class SuperusersOnly:
    """The admin shows evidence, its history and its return reasons whole, outside the
    visibility rule (`evidence.access`): only admins, who are superusers, may open it,
    whatever model permissions a staff account is given."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class TransitionInline(TransitionsInline):
    model = Transition


@admin.register(Evidence)
class EvidenceAdmin(SuperusersOnly, SimpleHistoryAdmin):
    # Links typed without a scheme are taken as https, as on the site's own forms.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "date",
        "country",
        "sub_objective",
        "level",
        "rating",
        "status",
        "confidential",
        "author",
    ]
    list_filter = [
        "status",
        "country",
        "sub_objective__objective",
        "level",
        "kind",
        "rating",
        "confidential",
    ]
    list_select_related = ["country", "sub_objective__objective", "author"]
    date_hierarchy = "date"
    search_fields = ["title", "description", "source_citation", "source_url"]
    autocomplete_fields = ["country", "sub_objective", "author"]
    readonly_fields = ["created_at", "updated_at", "version"]
    inlines = [TransitionInline]
    fieldsets = [
        (None, {"fields": ["date", "country", "sub_objective", "title", "description"]}),
        (
            pgettext_lazy("the change an evidence item records", "Change"),
            {"fields": ["level", "kind", "rating"]},
        ),
        (
            _("Source"),
            {"fields": ["source_url", "source_citation", "attachment", "attachment_name"]},
        ),
        (
            _("Bond Evidence Principles"),
            {"fields": [name for name, _label in Evidence.BOND_PRINCIPLES]},
        ),
        (
            None,
            {"fields": ["confidential", "status", "author", "version", "created_at", "updated_at"]},
        ),
    ]


@admin.register(Transition)
class TransitionAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["evidence", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["evidence", "actor"]
    search_fields = ["evidence__title", "reason"]
    date_hierarchy = "at"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
