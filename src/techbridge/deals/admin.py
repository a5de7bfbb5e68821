"""Deals in the organisers' back office (read-mostly: stages change through the site)."""

from django.contrib import admin

from techbridge.deals.models import Deal
from techbridge.web.admin_site import BackOfficeModelAdmin, backoffice


@admin.register(Deal, site=backoffice)
class DealAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "stage", "event", "next_step_due", "value", "currency"]
    list_filter = ["stage", "event"]
    search_fields = ["titles", "next_step"]
    readonly_fields = ["stage", "stage_changed_at", "meeting", "created_by"]
