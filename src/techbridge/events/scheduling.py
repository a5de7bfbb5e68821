"""The one adapter between the events domain and the pure-core meeting scheduler
(``techbridge.core.scheduling``, docs/scheduling.md).

It turns an event's database rows into a ``SchedulingInstance`` and the core's answers
(plans, reasons, conflicts) back into rows and ``Finding`` objects that name
registrations and slots, so that pages can explain them in the reader's language.

Identifiers given to the core: ``p<pk>`` participant registrations, ``i<pk>``
interpreter registrations, ``s<pk>`` slots, ``t<pk>``/``v<pk>`` tables and video rooms,
``r<pk>`` requests. Confirmed and held meetings are passed as ``fixed`` and are kept;
proposed meetings are what a new run replaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from techbridge.core import scheduling as core
from techbridge.events.enums import (
    MeetingStatus,
    PlaceKind,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from techbridge.events.models import (
    ACTIVE_MEETING_STATUSES,
    Event,
    Meeting,
    MeetingPlace,
    MeetingRequest,
    MeetingSlot,
    Registration,
)

# Meetings the scheduler must keep exactly as they are.
FIXED_STATUSES = (MeetingStatus.CONFIRMED, MeetingStatus.HELD)
# A request with a meeting in one of these states is not scheduled again.
FINAL_STATUSES = (MeetingStatus.CANCELLED, MeetingStatus.NO_SHOW)
_IDENTIFIER = re.compile(r"\b([pisrtv])(\d+)\b")


@dataclass(frozen=True)
class Finding:
    """A reason a request was left out, or a conflict a meeting would create, in domain
    terms: the core's stable ``code``, the registrations and slots it is about, and the
    core's English sentence with names in place of identifiers (for the audit log)."""

    code: str
    registrations: tuple[int, ...] = ()
    slots: tuple[int, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class PlannedMeeting:
    request: MeetingRequest
    slot: MeetingSlot
    place: MeetingPlace
    interpreter: Registration | None


@dataclass
class EventInstance:
    """An event's scheduling instance and the rows behind each identifier in it."""

    instance: core.SchedulingInstance
    registrations: dict[str, Registration] = field(default_factory=dict)
    requests: dict[str, MeetingRequest] = field(default_factory=dict)
    slots: dict[str, MeetingSlot] = field(default_factory=dict)
    places: dict[str, MeetingPlace] = field(default_factory=dict)

    def finding(self, code: str, message: str) -> Finding:
        registrations: list[int] = []
        slots: list[int] = []
        for prefix, number in _IDENTIFIER.findall(message):
            if prefix in "pi" and int(number) not in registrations:
                registrations.append(int(number))
            elif prefix == "s" and int(number) not in slots:
                slots.append(int(number))
        return Finding(code, tuple(registrations), tuple(slots), self._with_names(message))

    def _with_names(self, message: str) -> str:
        def name(match: re.Match[str]) -> str:
            identifier = match.group(0)
            if identifier in self.registrations:
                return str(self.registrations[identifier].user)
            if identifier in self.slots:
                return str(self.slots[identifier])
            if identifier in self.places:
                return self.places[identifier].name
            return identifier

        return _IDENTIFIER.sub(name, message)


@dataclass(frozen=True)
class ScheduleResult:
    status: str
    objective: float
    upper_bound: float | None
    kept: int
    meetings: list[PlannedMeeting]
    unscheduled: dict[int, Finding]


class FixedMeetingsConflict(Exception):
    """Confirmed meetings that break the rules; the organiser must resolve them first."""

    def __init__(self, findings: list[tuple[Meeting, Finding]]) -> None:
        self.findings = findings
        super().__init__("; ".join(finding.message for _meeting, finding in findings))


def slot_id(slot: MeetingSlot) -> str:
    return f"s{slot.pk}"


def place_id(place: MeetingPlace) -> str:
    return f"{'v' if place.kind == PlaceKind.VIDEO_ROOM else 't'}{place.pk}"


def registration_id(registration: Registration) -> str:
    return f"{'i' if registration.is_interpreter else 'p'}{registration.pk}"


def request_id(request: MeetingRequest) -> str:
    return f"r{request.pk}"


def _core_meeting(meeting: Meeting) -> core.Meeting:
    return core.Meeting(
        request=request_id(meeting.request),
        slot=slot_id(meeting.slot),
        place=place_id(meeting.place),
        interpreter=None if meeting.interpreter is None else registration_id(meeting.interpreter),
    )


def _meetings(event: Event, statuses: Iterable[str]) -> list[Meeting]:
    return list(
        Meeting.objects.filter(event=event, status__in=list(statuses)).select_related(
            "slot", "place", "interpreter__user", "request"
        )
    )


def build_event_instance(
    event: Event, *, fixed_meetings: list[Meeting], extra_requests: Iterable[int] = ()
) -> EventInstance:
    """The instance of ``event``: open slots, places, approved interpreters, accepted
    requests between approved participants that are not over (plus those of
    ``fixed_meetings`` and ``extra_requests``), and ``fixed_meetings`` as ``fixed``."""
    slots = list(MeetingSlot.objects.filter(event=event, is_break=False).order_by("starts_at"))
    places = list(MeetingPlace.objects.filter(event=event).order_by("kind", "position", "pk"))
    pinned = {meeting.request_id for meeting in fixed_meetings} | set(extra_requests)
    over = Meeting.objects.filter(event=event, status__in=FINAL_STATUSES).values("request_id")
    requests = list(
        MeetingRequest.objects.filter(event=event)
        .filter(
            Q(
                status=RequestStatus.ACCEPTED,
                requester__status=RegistrationStatus.APPROVED,
                recipient__status=RegistrationStatus.APPROVED,
            )
            & ~Q(pk__in=over)
            | Q(pk__in=pinned)
        )
        .select_related("requester__user", "recipient__user")
        .order_by("pk")
    )
    parties: dict[int, Registration] = {}
    for request in requests:
        parties[request.requester_id] = request.requester
        parties[request.recipient_id] = request.recipient
    interpreters = list(
        Registration.objects.filter(
            event=event, role=RegistrationRole.INTERPRETER, status=RegistrationStatus.APPROVED
        ).select_related("user")
    )
    availability = _availability([*parties.values(), *interpreters])
    slot_ids = tuple(slot_id(slot) for slot in slots)

    def available(registration: Registration) -> tuple[str, ...]:
        chosen = availability.get(registration.pk)
        if chosen is None:
            # Registered before the day had slots, and has not chosen since: free all day.
            return slot_ids
        return tuple(slot_id(slot) for slot in slots if slot.pk in chosen)

    limit = event.max_meetings_per_participant
    instance = core.SchedulingInstance(
        slots=slot_ids,
        tables=tuple(place_id(place) for place in places if place.kind == PlaceKind.TABLE),
        video_rooms=tuple(
            place_id(place) for place in places if place.kind == PlaceKind.VIDEO_ROOM
        ),
        participants=tuple(
            core.Participant(
                id=registration_id(registration),
                languages=tuple(registration.languages),
                available=available(registration),
                remote=registration.is_remote,
                max_meetings=registration.max_meetings or limit,
            )
            for registration in parties.values()
        ),
        interpreters=tuple(
            core.Interpreter(
                id=registration_id(interpreter),
                languages=tuple(interpreter.languages),
                available=available(interpreter),
            )
            for interpreter in interpreters
        ),
        requests=tuple(
            core.MeetingRequest(
                id=request_id(request),
                a=registration_id(request.requester),
                b=registration_id(request.recipient),
                weight=request.weight,
            )
            for request in requests
        ),
        fixed=tuple(_core_meeting(meeting) for meeting in fixed_meetings),
    )
    return EventInstance(
        instance=instance,
        registrations={
            registration_id(registration): registration
            for registration in [*parties.values(), *interpreters]
        },
        requests={request_id(request): request for request in requests},
        slots={slot_id(slot): slot for slot in slots},
        places={place_id(place): place for place in places},
    )


def _availability(registrations: list[Registration]) -> dict[int, set[int]]:
    """The slots each registration chose (breaks included); absent when none chosen."""
    through = Registration.available_slots.through
    chosen: dict[int, set[int]] = {}
    for registration_pk, slot_pk in through.objects.filter(
        registration__in=[registration.pk for registration in registrations]
    ).values_list("registration_id", "meetingslot_id"):
        chosen.setdefault(registration_pk, set()).add(slot_pk)
    return chosen


def fixed_meeting_conflicts(
    event_instance: EventInstance, fixed_meetings: list[Meeting]
) -> list[tuple[Meeting, Finding]]:
    """Every rule the confirmed meetings break, each checked against those before it, as
    the core validates them."""
    findings: list[tuple[Meeting, Finding]] = []
    accepted: list[core.Meeting] = []
    for meeting in fixed_meetings:
        placed = _core_meeting(meeting)
        plan = core.SchedulePlan("feasible", 0.0, tuple(accepted), ())
        for conflict in _check(event_instance, plan, placed):
            findings.append((meeting, event_instance.finding(conflict.code, conflict.message)))
        accepted.append(placed)
    return findings


def _check(
    event_instance: EventInstance, plan: core.SchedulePlan, meeting: core.Meeting
) -> list[core.Conflict]:
    return core.check_meeting_move(
        event_instance.instance,
        plan,
        meeting.request,
        slot=meeting.slot,
        place=meeting.place,
        interpreter=meeting.interpreter,
    )


def schedule_event(
    event: Event,
    *,
    time_limit: float,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ScheduleResult:
    """Schedule the event's accepted requests around its confirmed meetings.

    Raises ``FixedMeetingsConflict`` when confirmed meetings break a rule (nothing is
    scheduled then). Writes nothing: the caller applies the result.
    """
    fixed = _meetings(event, FIXED_STATUSES)
    event_instance = build_event_instance(event, fixed_meetings=fixed)
    conflicts = fixed_meeting_conflicts(event_instance, fixed)
    if conflicts:
        raise FixedMeetingsConflict(conflicts)
    plan = core.schedule_meetings(
        event_instance.instance, time_limit=time_limit, on_progress=on_progress
    )
    fixed_requests = {meeting.request_id for meeting in fixed}
    planned = [
        PlannedMeeting(
            request=event_instance.requests[meeting.request],
            slot=event_instance.slots[meeting.slot],
            place=event_instance.places[meeting.place],
            interpreter=None
            if meeting.interpreter is None
            else event_instance.registrations[meeting.interpreter],
        )
        for meeting in plan.meetings
        if event_instance.requests[meeting.request].pk not in fixed_requests
    ]
    unscheduled = {
        event_instance.requests[item.request].pk: event_instance.finding(item.code, item.reason)
        for item in plan.unscheduled
    }
    return ScheduleResult(
        status=plan.status,
        objective=plan.objective,
        upper_bound=plan.upper_bound,
        kept=len(fixed),
        meetings=planned,
        unscheduled=unscheduled,
    )


def check_move(
    meeting: Meeting,
    *,
    slot: MeetingSlot,
    place: MeetingPlace,
    interpreter: Registration | None,
) -> list[Finding]:
    """Every conflict that putting ``meeting`` in ``slot`` at ``place`` with
    ``interpreter`` would create against the event's other active meetings (proposed,
    confirmed and held). A break is reported as an unknown slot. Changes nothing."""
    active = _meetings(meeting.event, ACTIVE_MEETING_STATUSES)
    others = [other for other in active if other.pk != meeting.pk]
    event_instance = build_event_instance(
        meeting.event,
        fixed_meetings=[],
        extra_requests=[meeting.request_id, *(other.request_id for other in others)],
    )
    plan = core.SchedulePlan("feasible", 0.0, tuple(_core_meeting(other) for other in others), ())
    moved = core.Meeting(
        request=request_id(meeting.request),
        slot=f"s{slot.pk}",
        place=place_id(place),
        interpreter=None if interpreter is None else registration_id(interpreter),
    )
    return [
        event_instance.finding(conflict.code, conflict.message)
        for conflict in _check(event_instance, plan, moved)
    ]
