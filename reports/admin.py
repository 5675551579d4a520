from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.transitions import TransitionsInline

from .models import Narrative, NarrativeTransition


class NarrativeTransitionInline(TransitionsInline):
    model = NarrativeTransition


@admin.register(Narrative)
class NarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["country", "year", "strategy", "status", "author", "updated_at"]
    list_filter = ["status", "strategy", "year", "country"]
    list_select_related = ["country", "strategy", "author"]
    search_fields = ["text_en", "text_fr"]
    autocomplete_fields = ["country", "author"]
    readonly_fields = ["status", "version"]
    inlines = [NarrativeTransitionInline]
