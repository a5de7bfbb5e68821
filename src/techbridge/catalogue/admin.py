"""The catalogue in the organisers' back office. The taxonomy is edited here; items are
listed for reference, but their status changes only on the site, through the lifecycle
service that checks, audits and notifies, so status and ownership are read-only here."""

from django.contrib import admin

from techbridge.catalogue.models import (
    CatalogueItem,
    ExpressionOfInterest,
    ModerationReview,
    TechnologyField,
)
from techbridge.web.admin_site import (
    BackOfficeModelAdmin,
    ReadOnlyBackOfficeModelAdmin,
    backoffice,
)


@admin.register(TechnologyField, site=backoffice)
class TechnologyFieldAdmin(BackOfficeModelAdmin):
    list_display = ["code", "__str__", "parent", "position", "is_active"]
    list_filter = ["is_active", "parent"]
    list_editable = ["position", "is_active"]
    search_fields = ["code", "names"]
    ordering = ["parent__position", "position", "code"]


@admin.register(CatalogueItem, site=backoffice)
class CatalogueItemAdmin(BackOfficeModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "organisation",
        "source_language",
        "published_at",
        "expires_at",
    ]
    list_filter = ["kind", "status", "source_language"]
    search_fields = ["titles", "summaries"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "kind",
        "owner",
        "organisation",
        "status",
        "status_changed_at",
        "submitted_at",
        "published_at",
        "expires_at",
        "expiry_reminded_at",
        "created_at",
        "updated_at",
    ]
    exclude = ["fields"]

    def has_add_permission(self, request):
        return False


@admin.register(ModerationReview, site=backoffice)
class ModerationReviewAdmin(ReadOnlyBackOfficeModelAdmin):
    list_display = ["item", "decision", "reviewer", "created_at"]
    list_filter = ["decision"]
    readonly_fields = ["item", "reviewer", "decision", "checks", "comment", "created_at"]


@admin.register(ExpressionOfInterest, site=backoffice)
class ExpressionOfInterestAdmin(ReadOnlyBackOfficeModelAdmin):
    list_display = [
        "item",
        "sender",
        "sender_organisation",
        "cooperation_form",
        "status",
        "created_at",
    ]
    list_filter = ["status", "cooperation_form"]
    readonly_fields = [
        "item",
        "sender",
        "sender_organisation",
        "message",
        "message_language",
        "cooperation_form",
        "status",
        "decided_by",
        "decided_at",
        "created_at",
    ]
