"""Setting up an event's programme: roadshow pitches, and the meeting day's slots and
places.

``add_pitch`` is the hook through which projects selected by a call become a roadshow's
pitches: the calls side (or an organiser) names the session and the offer; the events
domain never needs to know about calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyOffer
from techbridge.events import rules
from techbridge.events.enums import PlaceKind, SessionKind
from techbridge.events.models import Event, EventPitch, MeetingPlace, MeetingSlot, Session, Speaker


@transaction.atomic
def add_pitch(
    *,
    session: Session,
    offer: TechnologyOffer,
    actor: User | None,
    source: str = "organiser",
    presenter: Speaker | None = None,
) -> EventPitch:
    """Put ``offer`` on the programme of a roadshow-pitches session (idempotent: adding
    the same offer again returns the existing pitch). ``actor`` is the organiser, or
    ``None`` when another domain's service (a call's selection) adds it and has checked
    its own permissions; ``source`` records where the pitch came from (``"call:12"``)."""
    if actor is not None and not rules.can_manage_event(actor, session.event):
        raise PermissionDenied
    if session.kind != SessionKind.PITCHES:
        raise ValidationError(_("Pitches belong to a roadshow-pitches session."), code="kind")
    if offer.status == ItemStatus.ARCHIVED:
        raise ValidationError(_("An archived offer cannot be pitched."), code="archived")
    pitch, created = EventPitch.objects.get_or_create(
        session=session,
        offer=offer,
        defaults={
            "source": source,
            "presenter": presenter,
            "position": session.pitches.count(),
        },
    )
    if created:
        record_action(
            actor=actor,
            action=AuditAction.PITCH_ADDED,
            target=session.event,
            details={"session": session.pk, "offer": offer.pk, "source": source},
        )
    return pitch


@transaction.atomic
def create_meeting_slots(
    *,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    minutes: int,
    breaks: Iterable[tuple[datetime, datetime]] = (),
    actor: User | None,
) -> list[MeetingSlot]:
    """Cut ``starts_at``–``ends_at`` into slots of ``minutes``; a slot overlapping one
    of ``breaks`` is a break. Slots that already exist (same start) are kept."""
    if actor is not None and not rules.can_manage_event(actor, event):
        raise PermissionDenied
    if minutes <= 0 or ends_at <= starts_at:
        raise ValidationError(_("The meeting day must end after it starts."), code="range")
    length = timedelta(minutes=minutes)
    pauses = list(breaks)
    slots = []
    start = starts_at
    while start + length <= ends_at:
        end = start + length
        is_break = any(start < pause_end and pause_start < end for pause_start, pause_end in pauses)
        slot, _created = MeetingSlot.objects.get_or_create(
            event=event, starts_at=start, defaults={"ends_at": end, "is_break": is_break}
        )
        slots.append(slot)
        start = end
    return slots


@transaction.atomic
def create_meeting_places(
    *, event: Event, tables: int, video_rooms: int, actor: User | None
) -> list[MeetingPlace]:
    """Make sure the event has at least ``tables`` tables (T01, T02…) and
    ``video_rooms`` video rooms (V01…); existing places are kept."""
    if actor is not None and not rules.can_manage_event(actor, event):
        raise PermissionDenied
    places = []
    for kind, prefix, count in (
        (PlaceKind.TABLE, "T", tables),
        (PlaceKind.VIDEO_ROOM, "V", video_rooms),
    ):
        for number in range(1, count + 1):
            place, _created = MeetingPlace.objects.get_or_create(
                event=event,
                name=f"{prefix}{number:02d}",
                defaults={"kind": kind, "position": number},
            )
            places.append(place)
    return places
