"""Events (forums, roadshows, matchmaking sessions) and their organising units."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.events.enums import EventFormat, EventKind, OrganisingRole, RequestPolicy
from techbridge.i18n_text import MultilingualTextField, pick_text


class Event(models.Model):
    titles = MultilingualTextField(_("title"), max_length=300)
    summaries = MultilingualTextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    event_format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices)
    cities = MultilingualTextField(_("city"), max_length=120, blank=True)
    venues = MultilingualTextField(_("venue"), max_length=300, blank=True)
    time_zone = models.CharField(
        _("time zone of the venue"), max_length=64, default="Asia/Shanghai"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_published = models.BooleanField(_("published"), default=False)
    stream_url = models.URLField(_("live stream"), blank=True)
    is_registration_open = models.BooleanField(_("registration open"), default=True)
    request_policy = models.CharField(
        _("meeting requests"),
        max_length=10,
        choices=RequestPolicy.choices,
        default=RequestPolicy.OPT_IN,
    )
    max_requests_per_participant = models.PositiveSmallIntegerField(
        _("meeting requests a participant may send"), default=10
    )
    max_meetings_per_participant = models.PositiveSmallIntegerField(
        _("meetings a participant may have"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return pick_text(self.titles).text

    @property
    def offers_remote_attendance(self) -> bool:
        return self.event_format != EventFormat.OFFLINE

    @property
    def offers_on_site_attendance(self) -> bool:
        return self.event_format != EventFormat.ONLINE


class OrganisingUnit(models.Model):
    """An organisation's role in an event: host, organiser, co-organiser, support, partner."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="organising_units"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="organising_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganisingRole.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organising unit")
        verbose_name_plural = _("organising units")
        ordering = ["event_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"], name="unique_organising_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation}"
