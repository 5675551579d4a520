from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import UserAdmin
from accounts.models import User

from .models import Assignment, Country


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "code", "programme_theme"]
    search_fields = ["code", "programme_theme"]
    inlines = [AssignmentInline]

    def get_search_results(self, request, queryset, search_term):
        """Match country names too: they come from django-countries, not the database."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            from django_countries import countries

            codes = [code for code, name in countries if search_term.lower() in name.lower()]
            queryset |= self.model.objects.filter(code__in=codes)
        return queryset, may_have_duplicates


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "country"]
    list_filter = ["country"]
    list_select_related = ["user", "country"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "country__code"]
    autocomplete_fields = ["user", "country"]


class AssignedCountryInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["country"]
    verbose_name = _("assigned country")
    verbose_name_plural = _("assigned countries")


# A user's countries are edited on the user's page too; the inline lives here, beside the
# model it edits, so that accounts need not know about countries.
admin.site.unregister(User)


@admin.register(User)
class UserWithCountriesAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, AssignedCountryInline]
