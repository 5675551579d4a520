from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The outbox, to see what was sent and what failed. Read-only: an email is written
    and sent by the app alone. It names people and keys, not evidence content."""

    list_display = ["recipient", "key", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
