"""The audit log in the back office: read-only for everyone."""

from django.contrib import admin

from techbridge.audit.models import AuditEntry
from techbridge.web.admin_site import backoffice


@admin.register(AuditEntry, site=backoffice)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_label",
        "ip_address",
    ]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return backoffice.has_permission(request)
