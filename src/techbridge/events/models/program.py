"""The programme of an event: sessions, the people who speak or moderate in them, and the
projects pitched at a roadshow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import Organisation
from techbridge.catalogue.models import TechnologyOffer
from techbridge.events.enums import SessionKind, SpeakerRole
from techbridge.events.models.event import Event
from techbridge.i18n_text import MultilingualTextField, pick_text


class Speaker(models.Model):
    """Someone who speaks or moderates, with the academic title and affiliation printed
    in programmes (院士 · академик). Public data: only what the programme shows."""

    names = MultilingualTextField(_("name"), max_length=200)
    academic_titles = MultilingualTextField(_("academic title"), max_length=200, blank=True)
    affiliations = MultilingualTextField(_("affiliation"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
        help_text=_("Links the speaker's sessions into their personal agenda."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["id"]

    def __str__(self) -> str:
        return pick_text(self.names).text


class Session(models.Model):
    """One part of the programme: the opening ceremony, a keynote report, the roadshow
    pitches, a panel, the matchmaking meetings or a break."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    titles = MultilingualTextField(_("title"), max_length=300)
    descriptions = MultilingualTextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    rooms = MultilingualTextField(_("room"), max_length=200, blank=True)
    stream_url = models.URLField(_("live stream"), blank=True)
    video_url = models.URLField(_("recording"), blank=True)
    speakers = models.ManyToManyField(
        Speaker, through="SessionSpeaker", verbose_name=_("speakers"), related_name="sessions"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event_id", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return pick_text(self.titles).text


class SessionSpeaker(models.Model):
    """A speaker's part in a session: speaking (with the report's title) or moderating."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="appearances"
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="appearances"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    talk_titles = MultilingualTextField(_("title of the report"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker of a session")
        verbose_name_plural = _("speakers of sessions")
        ordering = ["session_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker", "role"], name="unique_speaker_role_in_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.speaker}"


class EventPitch(models.Model):
    """A technology offer pitched in a roadshow session. Filled by organisers, or by the
    selection of a call through ``techbridge.events.services.program.add_pitch``."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="pitches"
    )
    offer = models.ForeignKey(
        TechnologyOffer,
        verbose_name=_("technology offer"),
        on_delete=models.PROTECT,
        related_name="event_pitches",
    )
    presenter = models.ForeignKey(
        Speaker,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitches",
    )
    source = models.CharField(
        _("added by"),
        max_length=40,
        default="organiser",
        help_text=_("Who put the pitch on the programme, e.g. “organiser” or “call:12”."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        ordering = ["session_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "offer"], name="one_pitch_per_offer")
        ]

    def __str__(self) -> str:
        return str(self.offer)
