"""Events in the organisers' back office."""

from django.contrib import admin

from techbridge.events.models import Event, OrganisingUnit
from techbridge.web.admin_site import BackOfficeModelAdmin, backoffice


class OrganisingUnitInline(admin.TabularInline):
    model = OrganisingUnit
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Event, site=backoffice)
class EventAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "kind", "event_format", "starts_at", "is_published"]
    list_filter = ["kind", "event_format", "is_published"]
    search_fields = ["titles"]
    inlines = [OrganisingUnitInline]
