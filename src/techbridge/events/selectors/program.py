"""Reads of an event's programme: sessions with speakers and pitches."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from techbridge.events.enums import SpeakerRole
from techbridge.events.models import Event, EventPitch, Session, SessionSpeaker


def sessions_of(event: Event) -> list[Session]:
    """The event's sessions in time order, each with its speakers, moderators and
    pitches, in a fixed number of queries."""
    return list(
        Session.objects.filter(event=event)
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch(
                "pitches",
                queryset=EventPitch.objects.select_related(
                    "offer__organisation", "presenter"
                ).order_by("position", "pk"),
            ),
        )
        .order_by("starts_at", "pk")
    )


def speakers_by_role(session: Session) -> dict[str, list[SessionSpeaker]]:
    """``{"speaker": […], "moderator": […]}`` from the prefetched appearances."""
    grouped: dict[str, list[SessionSpeaker]] = {role.value: [] for role in SpeakerRole}
    for appearance in session.appearances.all():
        grouped[appearance.role].append(appearance)
    return grouped


def session_days(sessions: list[Session]) -> list[tuple[date, list[Session]]]:
    """Sessions grouped by their day in the current time zone, for the agenda."""
    days: dict[date, list[Session]] = {}
    for session in sessions:
        days.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return list(days.items())
