from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import StrategyAdminForm, StrategyCopyForm
from .models import Objective, ReportingPeriod, Strategy, SubObjective


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0
    fields = ["number", "short_title", "title"]
    show_change_link = True


class SubObjectiveInline(TranslationStackedInline):
    model = SubObjective
    extra = 0
    fields = ["number", "short_title", "text"]


class ReportingPeriodInline(admin.TabularInline):
    """Reporting deadlines: staff are reminded before each one (`send_reminders`)."""

    model = ReportingPeriod
    extra = 0
    fields = ["name", "starts_on", "deadline"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Strategies, their default and their life cycle. The next strategy starts from a copy
    of one (the button on its page, or the action): one short form, then its own page."""

    form = StrategyAdminForm
    list_display = [
        "name",
        "first_year",
        "last_year",
        "target_country_count",
        "is_default",
        "open_for_evidence_until",
    ]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_countries"]
    inlines = [ObjectiveInline, ReportingPeriodInline]
    actions = ["start_next_from_copy"]

    def get_fields(self, request, obj=None):
        """The default choice beside the other life-cycle field, not after the texts."""
        fields = [name for name in super().get_fields(request, obj) if name != "make_default"]
        at = fields.index("open_for_evidence_until")
        return [*fields[:at], "make_default", *fields[at:]]

    def save_model(self, request, obj, form, change):
        # Only `services.make_default` moves the default (not the form, not a revert to an
        # old version), so there is always exactly one.
        obj.is_default = change and Strategy.objects.filter(pk=obj.pk, is_default=True).exists()
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("make_default"):
            services.make_default(strategy=obj)
        else:
            services.keep_a_default(strategy=obj)

    def has_delete_permission(self, request, obj=None):
        """The default strategy cannot be deleted: make another one the default first."""
        if obj is not None and obj.is_default:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting in bulk could take the default with it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Start the next strategy from a copy of this one"))
    def start_next_from_copy(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one strategy to copy."), messages.WARNING)
            return None
        return redirect("admin:objectives_strategy_copy", queryset.get().pk)

    def get_urls(self):
        copy = path(
            "<path:object_id>/copy/",
            self.admin_site.admin_view(self.copy_view),
            name="objectives_strategy_copy",
        )
        return [copy, *super().get_urls()]

    def copy_view(self, request, object_id):
        """One short form (name, slug, period, proposed from the source), then the new
        strategy's own page to edit the rest."""
        source = self.get_object(request, unquote(object_id))
        if source is None:
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StrategyCopyForm(request.POST or None, initial=services.proposed_copy(source))
        if request.method == "POST" and form.is_valid():
            strategy = services.copy_strategy(source=source, **form.cleaned_data)
            self.message_user(
                request,
                _("%(strategy)s was started from a copy of %(source)s. Edit it below.")
                % {"strategy": strategy, "source": source},
                messages.SUCCESS,
            )
            return redirect("admin:objectives_strategy_change", strategy.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": _("Start the next strategy from a copy of %(source)s") % {"source": source},
            "form": form,
        }
        return TemplateResponse(request, "admin/objectives/strategy/copy.html", context)


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy"]
    list_select_related = ["strategy"]
    search_fields = ["title", "short_title"]
    inlines = [SubObjectiveInline]


@admin.register(SubObjective)
class SubObjectiveAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "label", "objective"]
    list_filter = ["objective__strategy", "objective"]
    list_select_related = ["objective__strategy"]
    search_fields = ["text", "short_title"]
    autocomplete_fields = ["objective"]
    ordering = ["objective__strategy", "objective__number", "number"]

    @admin.display(description="code", ordering="objective__number")
    def code(self, obj):
        return obj.code
