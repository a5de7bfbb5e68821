"""B2B meetings (对接 · B2B-встречи): the meeting day's slots and places, requests between
participants, the meetings the scheduler or an organiser placed, their outcomes, and the
runs of the scheduler."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.enums import ContentLanguage
from techbridge.events.enums import (
    InterestLevel,
    MeetingStatus,
    NextStep,
    PlaceKind,
    RequestStatus,
    SchedulingRunStatus,
)
from techbridge.events.models.event import Event
from techbridge.events.models.participation import Registration

# Meetings in these states hold their slot, place and interpreter.
ACTIVE_MEETING_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED, MeetingStatus.HELD)


class MeetingSlot(models.Model):
    """A time slot of the meeting day. A break is a slot in which nobody meets."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_break = models.BooleanField(_("break"), default=False)

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["event_id", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_slot_ends_after_start",
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_slot_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class MeetingPlace(models.Model):
    """A table (both parties on site) or a video room (a party takes part remotely)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_places"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=60)
    video_url = models.URLField(_("video link"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        ordering = ["event_id", "kind", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="unique_place_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_video_room(self) -> bool:
        return self.kind == PlaceKind.VIDEO_ROOM


class MeetingRequest(models.Model):
    """One participant asks another for a meeting. ``is_mutual`` is set when both asked;
    ``match_score`` is the matching engine's similarity of their catalogue items."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        Registration,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="sent_requests",
    )
    recipient = models.ForeignKey(
        Registration,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="received_requests",
    )
    message = models.TextField(_("message"), max_length=2000)
    message_language = models.CharField(
        _("language of the message"), max_length=2, choices=ContentLanguage.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    is_mutual = models.BooleanField(_("both asked"), default=False)
    match_score = models.FloatField(_("match score"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The scheduler's latest reason for leaving the request out (code and names).
    unscheduled_code = models.CharField(_("why not scheduled"), max_length=40, blank=True)
    unscheduled_details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["event_id", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"], name="one_request_per_pair_and_direction"
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")),
                name="request_not_to_oneself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester.user} → {self.recipient.user}"

    @property
    def weight(self) -> float:
        """The scheduler's weight: one for the meeting, one more when both asked for it,
        plus the match score (0–1) of the parties' catalogue items."""
        return 1.0 + (1.0 if self.is_mutual else 0.0) + (self.match_score or 0.0)


class Meeting(models.Model):
    """A request placed in a slot, at a table or in a video room, maybe with an
    interpreter. Its status changes only through ``services.meetings.change_meeting_status``."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.ForeignKey(
        MeetingRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="meetings"
    )
    slot = models.ForeignKey(
        MeetingSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="meetings"
    )
    place = models.ForeignKey(
        MeetingPlace, verbose_name=_("place"), on_delete=models.PROTECT, related_name="meetings"
    )
    interpreter = models.ForeignKey(
        Registration,
        verbose_name=_("interpreter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpreted_meetings",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PROPOSED,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event_id", "slot__starts_at", "place__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=ACTIVE_MEETING_STATUSES),
                name="one_active_meeting_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.slot} · {self.place}"

    @property
    def parties(self) -> tuple[Registration, Registration]:
        return self.request.requester, self.request.recipient


class MeetingOutcome(models.Model):
    """What one party says after the meeting: how interested, and the next step."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="meeting_outcomes",
    )
    interest = models.CharField(_("interest"), max_length=6, choices=InterestLevel.choices)
    next_step = models.CharField(_("next step"), max_length=10, choices=NextStep.choices)
    next_step_due = models.DateField(_("next step by"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="one_outcome_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_interest_display()}"


class SchedulingRun(models.Model):
    """One run of the meeting scheduler for an event, with its progress and result."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="scheduling_runs"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SchedulingRunStatus.choices,
        default=SchedulingRunStatus.QUEUED,
    )
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=30)
    plan_status = models.CharField(_("quality"), max_length=10, blank=True)
    scheduled_count = models.PositiveIntegerField(_("meetings scheduled"), default=0)
    unscheduled_count = models.PositiveIntegerField(_("requests left out"), default=0)
    kept_count = models.PositiveIntegerField(_("confirmed meetings kept"), default=0)
    objective = models.FloatField(_("total weight"), null=True, blank=True)
    upper_bound = models.FloatField(_("upper bound"), null=True, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["event_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (SchedulingRunStatus.QUEUED, SchedulingRunStatus.RUNNING)
