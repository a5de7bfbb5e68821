"""Choices of the events domain."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    FORUM = "forum", pgettext_lazy("event kind", "Forum")
    ROADSHOW = "roadshow", pgettext_lazy("event kind", "Technology roadshow")
    MATCHMAKING = "matchmaking", pgettext_lazy("event kind", "Matchmaking session")


class EventFormat(models.TextChoices):
    ONLINE = "online", pgettext_lazy("event format", "Online")
    OFFLINE = "offline", pgettext_lazy("event format", "On site")
    HYBRID = "hybrid", pgettext_lazy("event format", "Hybrid (on site and online)")


class OrganisingRole(models.TextChoices):
    """The roles organising units hold, shown on every event page in this order."""

    HOST = "host", pgettext_lazy("organising role", "Host")
    ORGANISER = "organiser", pgettext_lazy("organising role", "Organiser")
    CO_ORGANISER = "co_organiser", pgettext_lazy("organising role", "Co-organiser")
    SPECIAL_SUPPORT = "special_support", pgettext_lazy("organising role", "Special support")
    TECHNICAL_SUPPORT = "technical_support", pgettext_lazy("organising role", "Technical support")
    PARTNER = "partner", pgettext_lazy("organising role", "Partner")


class SessionKind(models.TextChoices):
    OPENING = "opening", pgettext_lazy("session kind", "Opening ceremony")
    KEYNOTE = "keynote", pgettext_lazy("session kind", "Keynote report")
    PITCHES = "pitches", pgettext_lazy("session kind", "Roadshow pitches")
    PANEL = "panel", pgettext_lazy("session kind", "Panel discussion")
    MATCHMAKING = "matchmaking", pgettext_lazy("session kind", "Matchmaking meetings")
    BREAK = "break", pgettext_lazy("session kind", "Break")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", pgettext_lazy("role in a session", "Speaker")
    MODERATOR = "moderator", pgettext_lazy("role in a session", "Moderator")


class ParticipantType(models.TextChoices):
    """What a participant comes as: counted in the organisers' statistics."""

    TECHNOLOGY_HOLDER = "holder", pgettext_lazy("participant type", "Technology holder")
    ENTERPRISE = "enterprise", pgettext_lazy("participant type", "Enterprise")
    INDUSTRIAL_PARK = "park", pgettext_lazy("participant type", "Industrial park")
    INVESTOR = "investor", pgettext_lazy("participant type", "Investor")
    UNIVERSITY = "university", pgettext_lazy("participant type", "University or institute")
    GOVERNMENT = "government", pgettext_lazy("participant type", "Government body")
    MEDIA = "media", pgettext_lazy("participant type", "Media")


class RegistrationRole(models.TextChoices):
    PARTICIPANT = "participant", pgettext_lazy("registration role", "Participant")
    INTERPRETER = "interpreter", pgettext_lazy("registration role", "Interpreter")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("registration status", "Approved")
    DECLINED = "declined", pgettext_lazy("registration status", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class Attendance(models.TextChoices):
    ON_SITE = "on_site", pgettext_lazy("attendance", "On site")
    REMOTE = "remote", pgettext_lazy("attendance", "Remote (online)")


class RequestPolicy(models.TextChoices):
    """How meeting requests become accepted at an event."""

    OPT_IN = "opt_in", pgettext_lazy("request policy", "The recipient must accept each request")
    OPT_OUT = (
        "opt_out",
        pgettext_lazy("request policy", "Requests are accepted unless the recipient declines"),
    )


class RequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("meeting request status", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("meeting request status", "Accepted")
    DECLINED = "declined", pgettext_lazy("meeting request status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("meeting request status", "Withdrawn")


class PlaceKind(models.TextChoices):
    TABLE = "table", pgettext_lazy("meeting place", "Table")
    VIDEO_ROOM = "video_room", pgettext_lazy("meeting place", "Video room")


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("meeting status", "Proposed")
    CONFIRMED = "confirmed", pgettext_lazy("meeting status", "Confirmed")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("meeting status", "A party did not come")


class InterestLevel(models.TextChoices):
    HIGH = "high", pgettext_lazy("interest after a meeting", "High: we want to go on")
    SOME = "some", pgettext_lazy("interest after a meeting", "Some: worth keeping in touch")
    NONE = "none", pgettext_lazy("interest after a meeting", "None")


class NextStep(models.TextChoices):
    EXCHANGE_DOCUMENTS = "documents", pgettext_lazy("next step", "Exchange documents")
    SECOND_MEETING = "meeting", pgettext_lazy("next step", "Another meeting")
    SITE_VISIT = "visit", pgettext_lazy("next step", "Site visit")
    NDA = "nda", pgettext_lazy("next step", "Sign a non-disclosure agreement")
    PILOT = "pilot", pgettext_lazy("next step", "Pilot or test")
    PROPOSAL = "proposal", pgettext_lazy("next step", "Commercial proposal")
    NONE = "none", pgettext_lazy("next step", "No further step")


class SchedulingRunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("scheduling run", "Waiting to start")
    RUNNING = "running", pgettext_lazy("scheduling run", "Running")
    FINISHED = "finished", pgettext_lazy("scheduling run", "Finished")
    FAILED = "failed", pgettext_lazy("scheduling run", "Failed")
