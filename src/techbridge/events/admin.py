"""Events in the organisers' back office: the event, its programme, speakers, meeting
day and registrations. Status changes (approval, meetings) happen on the site, through
the services, so they are read-only here."""

from django.contrib import admin

from techbridge.events.models import (
    Event,
    EventPitch,
    Meeting,
    MeetingPlace,
    MeetingSlot,
    OrganisingUnit,
    Registration,
    Session,
    SessionSpeaker,
    Speaker,
)
from techbridge.web.admin_site import BackOfficeModelAdmin, backoffice


class OrganisingUnitInline(admin.TabularInline):
    model = OrganisingUnit
    extra = 1
    autocomplete_fields = ["organisation"]


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    fields = ["kind", "titles", "starts_at", "ends_at", "rooms", "stream_url", "video_url"]
    show_change_link = True


class MeetingSlotInline(admin.TabularInline):
    model = MeetingSlot
    extra = 0


class MeetingPlaceInline(admin.TabularInline):
    model = MeetingPlace
    extra = 0


@admin.register(Event, site=backoffice)
class EventAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "kind", "event_format", "starts_at", "is_published"]
    list_filter = ["kind", "event_format", "is_published"]
    search_fields = ["titles"]
    inlines = [OrganisingUnitInline, SessionInline, MeetingSlotInline, MeetingPlaceInline]


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


class EventPitchInline(admin.TabularInline):
    model = EventPitch
    extra = 0
    autocomplete_fields = ["presenter"]
    raw_id_fields = ["offer"]


@admin.register(Session, site=backoffice)
class SessionAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "event", "kind", "starts_at"]
    list_filter = ["kind", "event"]
    search_fields = ["titles"]
    inlines = [SessionSpeakerInline, EventPitchInline]


@admin.register(Speaker, site=backoffice)
class SpeakerAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "organisation"]
    search_fields = ["names", "affiliations"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]


@admin.register(Registration, site=backoffice)
class RegistrationAdmin(BackOfficeModelAdmin):
    list_display = ["user", "event", "role", "participant_type", "country", "status"]
    list_filter = ["event", "role", "status", "participant_type", "country"]
    search_fields = ["user__full_name", "user__email"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "decided_by",
        "checked_in_at",
        "checked_in_by",
    ]
    raw_id_fields = ["user", "organisation"]


@admin.register(Meeting, site=backoffice)
class MeetingAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "event", "status"]
    list_filter = ["event", "status"]
    readonly_fields = ["event", "request", "slot", "place", "interpreter", "status"]

    def has_add_permission(self, request):
        return False
