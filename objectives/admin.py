from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Objective, ReportingPeriod, Strategy, SubObjective


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["number", "short_title", "title"]
    show_change_link = True


class SubObjectiveInline(admin.StackedInline):
    model = SubObjective
    extra = 0
    fields = ["number", "short_title", "text"]


class ReportingPeriodInline(admin.TabularInline):
    """Reporting deadlines: staff are reminded before each one (`send_reminders`)."""

    model = ReportingPeriod
    extra = 0
    fields = ["name", "starts_on", "deadline"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "first_year", "last_year", "target_country_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_countries"]
    inlines = [ObjectiveInline, ReportingPeriodInline]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy"]
    list_select_related = ["strategy"]
    search_fields = ["title", "short_title"]
    inlines = [SubObjectiveInline]


@admin.register(SubObjective)
class SubObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "label", "objective"]
    list_filter = ["objective__strategy", "objective"]
    list_select_related = ["objective__strategy"]
    search_fields = ["text", "short_title"]
    autocomplete_fields = ["objective"]
    ordering = ["objective__strategy", "objective__number", "number"]

    @admin.display(description="code", ordering="objective__number")
    def code(self, obj):
        return obj.code
