"""Models of the events domain, split by subdomain: the event itself, its programme,
registrations, and B2B meetings."""

from techbridge.events.models.event import Event, OrganisingUnit
from techbridge.events.models.meetings import (
    ACTIVE_MEETING_STATUSES,
    Meeting,
    MeetingOutcome,
    MeetingPlace,
    MeetingRequest,
    MeetingSlot,
    SchedulingRun,
)
from techbridge.events.models.participation import Registration
from techbridge.events.models.program import EventPitch, Session, SessionSpeaker, Speaker

__all__ = [
    "ACTIVE_MEETING_STATUSES",
    "Event",
    "EventPitch",
    "Meeting",
    "MeetingOutcome",
    "MeetingPlace",
    "MeetingRequest",
    "MeetingSlot",
    "OrganisingUnit",
    "Registration",
    "SchedulingRun",
    "Session",
    "SessionSpeaker",
    "Speaker",
]
