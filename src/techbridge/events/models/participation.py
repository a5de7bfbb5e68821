"""Who takes part in an event: registrations of participants and interpreters.

A registration holds what the meeting scheduler needs about a person (languages, on site
or remote, the meeting slots they are free in) beside what organisers count (type, side).
Personal data stays on ``User``; a registration points at it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.enums import Country
from techbridge.accounts.models import Organisation
from techbridge.events.enums import (
    Attendance,
    ParticipantType,
    RegistrationRole,
    RegistrationStatus,
)
from techbridge.events.models.event import Event


class Registration(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    role = models.CharField(
        _("taking part as"),
        max_length=12,
        choices=RegistrationRole.choices,
        default=RegistrationRole.PARTICIPANT,
    )
    participant_type = models.CharField(
        _("participant type"), max_length=12, choices=ParticipantType.choices, blank=True
    )
    country = models.CharField(_("side"), max_length=2, choices=Country.choices)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.ON_SITE
    )
    languages = models.JSONField(_("languages spoken"), default=list)
    available_slots = models.ManyToManyField(
        "events.MeetingSlot",
        verbose_name=_("free for meetings in"),
        blank=True,
        related_name="available_registrations",
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the event's limit."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booking_reminded_at = models.DateTimeField(
        _("reminded to book meetings at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "role"], name="registration_listing")]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"

    @property
    def is_approved(self) -> bool:
        return self.status == RegistrationStatus.APPROVED

    @property
    def is_interpreter(self) -> bool:
        return self.role == RegistrationRole.INTERPRETER

    @property
    def is_remote(self) -> bool:
        return self.attendance == Attendance.REMOTE
