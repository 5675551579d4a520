from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import CycleStage, Place, Resource, Review, Score, TopicArea


@admin.register(CycleStage)
class CycleStageAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["order", "name", "is_starter"]
    list_display_links = ["name"]
    list_filter = ["is_starter"]
    search_fields = ["name", "description"]


@admin.register(TopicArea)
class TopicAreaAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "level", "order", "is_starter"]
    list_filter = ["level", "is_starter"]
    search_fields = ["name", "description", "source"]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "kind"]
    list_filter = ["country", "kind"]
    list_select_related = ["country"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["country"]
    readonly_fields = ["created_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["topic_area", "value", "note", "evidence"]
    autocomplete_fields = ["evidence"]


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["place", "date", "stage", "recorded_by"]
    list_filter = ["stage", "place__country"]
    list_select_related = ["place__country", "stage", "recorded_by"]
    date_hierarchy = "date"
    search_fields = ["place__name", "participants", "notes"]
    autocomplete_fields = ["place", "recorded_by"]
    readonly_fields = ["created_at"]
    inlines = [ScoreInline]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    # Links typed without a scheme are taken as https, as on the site's own forms.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "year"]
    list_filter = ["topic_areas", "sub_objectives__objective__strategy"]
    search_fields = ["title", "publisher", "summary"]
    filter_horizontal = ["sub_objectives", "topic_areas"]
