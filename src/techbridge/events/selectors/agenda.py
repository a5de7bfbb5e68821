"""Personal agendas: the programme and a person's meetings, in time order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from techbridge.events.models import ACTIVE_MEETING_STATUSES, Event, Meeting, Registration, Session
from techbridge.events.selectors.program import sessions_of


@dataclass(frozen=True)
class AgendaEntry:
    """One line of an agenda: a session of the programme or one of the person's meetings
    (with the other party, or both parties for the interpreter)."""

    starts_at: datetime
    ends_at: datetime
    session: Session | None = None
    meeting: Meeting | None = None
    is_interpreting: bool = False
    partner: Registration | None = None


def meetings_of(registration: Registration) -> list[Meeting]:
    """The person's meetings that hold a slot (proposed, confirmed, held), as a party or
    as the interpreter, in time order."""
    return list(
        Meeting.objects.filter(
            Q(request__requester=registration)
            | Q(request__recipient=registration)
            | Q(interpreter=registration),
            status__in=ACTIVE_MEETING_STATUSES,
        )
        .select_related(
            "event",
            "slot",
            "place",
            "interpreter__user",
            "request__requester__user",
            "request__requester__organisation",
            "request__recipient__user",
            "request__recipient__organisation",
        )
        .prefetch_related("outcomes")
        .order_by("slot__starts_at", "pk")
    )


def personal_agenda(event: Event, registration: Registration) -> list[AgendaEntry]:
    """Every session of the event and the person's meetings, merged in time order."""
    entries = [
        AgendaEntry(starts_at=session.starts_at, ends_at=session.ends_at, session=session)
        for session in sessions_of(event)
    ]
    entries += [
        AgendaEntry(
            starts_at=meeting.slot.starts_at,
            ends_at=meeting.slot.ends_at,
            meeting=meeting,
            is_interpreting=meeting.interpreter_id == registration.pk,
            partner=None
            if meeting.interpreter_id == registration.pk
            else other_party(meeting, registration),
        )
        for meeting in meetings_of(registration)
    ]
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.meeting is not None))


def other_party(meeting: Meeting, registration: Registration) -> Registration:
    """The party of ``meeting`` who is not ``registration``."""
    requester, recipient = meeting.parties
    return recipient if requester.pk == registration.pk else requester
