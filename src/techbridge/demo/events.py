"""Demo programme of the events of domain.md (``data/event_programme.json``): the
forum's opening ceremony and six keynote reports by academicians, each with a moderator;
the roadshows' pitches (the Shenyang roadshow's four presenters); the Shenyang meeting
day with Chinese and Russian participants, two interpreters and a few meeting requests.

Idempotent like the rest of the demo: sessions are found by event and start, speakers by
English name, registrations by person, requests by their two parties. Participants whose
accounts do not exist (the catalogue's contact persons, when the catalogue is not loaded)
are skipped.
"""

from __future__ import annotations

import json
import zoneinfo
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.utils import timezone

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.catalogue.models import TechnologyOffer
from techbridge.core.text import detect_language
from techbridge.events.enums import (
    Attendance,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
    SpeakerRole,
)
from techbridge.events.models import (
    Event,
    EventPitch,
    MeetingRequest,
    Registration,
    Session,
    SessionSpeaker,
    Speaker,
)
from techbridge.events.services.program import create_meeting_places, create_meeting_slots

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read() -> dict[str, Any]:
    return json.loads((DATA_DIR / "event_programme.json").read_text(encoding="utf-8"))


def _offer_titles() -> dict[str, str]:
    """Demo offers' keys → English titles (how the demo catalogue finds its offers)."""
    path = DATA_DIR / "catalogue" / "offers.json"
    if not path.exists():
        return {}
    return {
        row["key"]: row["titles"].get("en", "")
        for row in json.loads(path.read_text(encoding="utf-8"))
    }


class _Counter:
    def __init__(self, created: dict[str, int]) -> None:
        self.created = created

    def count(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)


def _users(
    rows: list[dict[str, Any]],
    organisations: dict[str, Organisation],
    password: str,
    counter: _Counter,
) -> None:
    for row in rows:
        user = User.objects.filter(email=row["email"]).first()
        counter.count("users", user is None)
        if user is None:
            user = User.objects.create_user(
                email=row["email"],
                password=password,
                full_name=row["full_name"],
                preferred_language=row["language"],
                time_zone=row["time_zone"],
                position=row.get("position", ""),
                email_confirmed_at=timezone.now(),
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=organisations[row["organisation"]],
            role=row["role"],
            defaults={"status": MembershipStatus.ACTIVE},
        )


def _speakers(rows: dict[str, dict[str, Any]], counter: _Counter) -> dict[str, Speaker]:
    speakers = {}
    for key, row in rows.items():
        speaker = Speaker.objects.filter(names__en=row["names"]["en"]).first()
        counter.count("speakers", speaker is None)
        if speaker is None:
            speaker = Speaker.objects.create(
                names=row["names"],
                academic_titles=row.get("academic_titles", {}),
                affiliations=row.get("affiliations", {}),
                user=User.objects.filter(email=row["user"]).first() if "user" in row else None,
            )
        speakers[key] = speaker
    return speakers


def _sessions(
    event: Event, rows: list[dict[str, Any]], speakers: dict[str, Speaker], counter: _Counter
) -> None:
    zone = zoneinfo.ZoneInfo(event.time_zone)
    offers = _offer_titles()
    for row in rows:
        starts_at = datetime.fromisoformat(row["starts"]).replace(tzinfo=zone)
        session = Session.objects.filter(event=event, starts_at=starts_at).first()
        counter.count("sessions", session is None)
        if session is None:
            session = Session.objects.create(
                event=event,
                kind=row["kind"],
                titles=row["titles"],
                descriptions=row.get("descriptions", {}),
                rooms=row.get("rooms", {}),
                starts_at=starts_at,
                ends_at=datetime.fromisoformat(row["ends"]).replace(tzinfo=zone),
            )
        for position, (role, key, *talk) in enumerate(row.get("people", [])):
            SessionSpeaker.objects.get_or_create(
                session=session,
                speaker=speakers[key],
                role=SpeakerRole(role),
                defaults={"position": position, "talk_titles": talk[0] if talk else {}},
            )
        for position, (offer_key, presenter) in enumerate(row.get("pitches", [])):
            offer = TechnologyOffer.objects.filter(titles__en=offers.get(offer_key)).first()
            if offer is None:
                continue
            _pitch, created = EventPitch.objects.get_or_create(
                session=session,
                offer=offer,
                defaults={
                    "presenter": speakers[presenter] if presenter else None,
                    "position": position,
                },
            )
            counter.count("pitches", created)


def _meeting_day(event: Event, day: dict[str, Any]) -> None:
    zone = zoneinfo.ZoneInfo(event.time_zone)
    on = date.fromisoformat(day["day"])

    def at(text: str) -> datetime:
        return datetime.combine(on, time.fromisoformat(text), tzinfo=zone)

    create_meeting_slots(
        event=event,
        starts_at=at(day["starts"]),
        ends_at=at(day["ends"]),
        minutes=day["minutes"],
        breaks=[(at(day["break"][0]), at(day["break"][1]))],
        actor=None,
    )
    create_meeting_places(
        event=event, tables=day["tables"], video_rooms=day["video_rooms"], actor=None
    )


def _registrations(
    event: Event, rows: list[dict[str, Any]], counter: _Counter
) -> dict[str, Registration]:
    registrations = {}
    for row in rows:
        user = User.objects.filter(email=row["email"]).first()
        if user is None:
            continue
        membership = user.memberships.select_related("organisation").first()
        organisation = membership.organisation if membership else None
        registration, created = Registration.objects.get_or_create(
            event=event,
            user=user,
            defaults={
                "organisation": organisation,
                "role": RegistrationRole.INTERPRETER
                if row.get("interpreter")
                else RegistrationRole.PARTICIPANT,
                "participant_type": row.get("type", ""),
                "country": organisation.country if organisation else "CN",
                "attendance": Attendance.REMOTE if row.get("remote") else Attendance.ON_SITE,
                "languages": row["languages"],
                "status": RegistrationStatus.APPROVED,
                "status_changed_at": timezone.now(),
            },
        )
        counter.count("registrations", created)
        registrations[row["email"]] = registration
    return registrations


def _requests(
    event: Event,
    rows: list[dict[str, Any]],
    registrations: dict[str, Registration],
    counter: _Counter,
) -> None:
    for row in rows:
        requester, recipient = registrations.get(row["from"]), registrations.get(row["to"])
        if requester is None or recipient is None:
            continue
        status = RequestStatus(row["status"])
        _request, created = MeetingRequest.objects.get_or_create(
            requester=requester,
            recipient=recipient,
            defaults={
                "event": event,
                "message": row["message"],
                "message_language": detect_language(row["message"]).language or "en",
                "status": status,
                "is_mutual": row.get("mutual", False),
                "answered_at": timezone.now() if status == RequestStatus.ACCEPTED else None,
            },
        )
        counter.count("meeting requests", created)


def load_events_programme(
    organisations: dict[str, Organisation], *, password: str, created: dict[str, int]
) -> None:
    """Add the demo programme, meeting day, registrations and requests to the demo events
    (found by English title); counts what it created into ``created``."""
    data = _read()
    counter = _Counter(created)
    _users(data["users"], organisations, password, counter)
    speakers = _speakers(data["speakers"], counter)
    for title, content in data["events"].items():
        event = Event.objects.filter(titles__en=title).first()
        if event is None:
            continue
        _sessions(event, content.get("sessions", []), speakers, counter)
        if "meeting_day" in content:
            _meeting_day(event, content["meeting_day"])
        registrations = _registrations(event, content.get("registrations", []), counter)
        _requests(event, content.get("requests", []), registrations, counter)
