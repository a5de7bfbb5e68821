"""Factories for events, meeting days and registrations."""

from datetime import timedelta

import factory
from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.events.enums import (
    Attendance,
    EventFormat,
    EventKind,
    ParticipantType,
    PlaceKind,
    RegistrationRole,
    RegistrationStatus,
)
from techbridge.events.models import Event, MeetingPlace, MeetingSlot, Registration
from tests.accounts.factories import user_with_role


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    titles = factory.Sequence(
        lambda number: {
            "zh": f"俄罗斯高新技术路演{number}",
            "ru": f"Питч-сессия российских технологий {number}",
            "en": f"Russian high technology roadshow {number}",
        }
    )
    summaries = {"zh": "路演与对接。", "ru": "Питчи и B2B-встречи.", "en": "Pitches and meetings."}
    kind = EventKind.ROADSHOW
    event_format = EventFormat.HYBRID
    cities = {"zh": "沈阳", "ru": "Шэньян", "en": "Shenyang"}
    time_zone = "Asia/Shanghai"
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + timedelta(days=3)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=8))
    is_published = True


def meeting_day(event: Event, *, slots: int = 3, tables: int = 2, video_rooms: int = 1):
    """``slots`` 20-minute slots from the event's start, and the places named."""
    created_slots = [
        MeetingSlot.objects.create(
            event=event,
            starts_at=event.starts_at + timedelta(minutes=20 * number),
            ends_at=event.starts_at + timedelta(minutes=20 * (number + 1)),
        )
        for number in range(slots)
    ]
    places = [
        MeetingPlace.objects.create(event=event, kind=PlaceKind.TABLE, name=f"T{number:02d}")
        for number in range(1, tables + 1)
    ] + [
        MeetingPlace.objects.create(event=event, kind=PlaceKind.VIDEO_ROOM, name=f"V{number:02d}")
        for number in range(1, video_rooms + 1)
    ]
    return created_slots, places


def registration(
    event: Event,
    *,
    languages=("ru",),
    country: str = "RU",
    role: Role = Role.TECHNOLOGY_HOLDER,
    participant_type: str = ParticipantType.TECHNOLOGY_HOLDER,
    status: str = RegistrationStatus.APPROVED,
    attendance: str = Attendance.ON_SITE,
    slots=(),
    user=None,
    **user_fields,
) -> Registration:
    """A participant (or, with ``role=Role.INTERPRETER``, an interpreter) of ``event``."""
    user = user or user_with_role(role, **user_fields)
    is_interpreter = role == Role.INTERPRETER
    created = Registration.objects.create(
        event=event,
        user=user,
        organisation=user.memberships.first().organisation if user.memberships.exists() else None,
        role=RegistrationRole.INTERPRETER if is_interpreter else RegistrationRole.PARTICIPANT,
        participant_type="" if is_interpreter else participant_type,
        country=country,
        attendance=attendance,
        languages=list(languages),
        status=status,
    )
    if slots:
        created.available_slots.set(slots)
    return created
