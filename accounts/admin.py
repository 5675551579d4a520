from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from countries.models import Assignment

from .models import User


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["country"]
    verbose_name = _("assigned country")
    verbose_name_plural = _("assigned countries")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Preferences"), {"fields": ["language"]}),)
    inlines = [AssignmentInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_superuser"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active", "language"]
