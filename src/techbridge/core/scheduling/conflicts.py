"""What goes wrong if a meeting is put somewhere: the check behind moving a meeting by hand.

The same check validates confirmed (fixed) meetings before scheduling, so an organiser
sees exactly the conflicts the scheduler would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from techbridge.core.scheduling.index import InstanceIndex
from techbridge.core.scheduling.instance import Meeting, SchedulePlan, SchedulingInstance


@dataclass(frozen=True)
class Conflict:
    """One rule a meeting would break. ``code`` is stable; ``message`` is an English sentence."""

    code: str
    message: str


def check_meeting_move(
    instance: SchedulingInstance,
    plan: SchedulePlan,
    request_id: str,
    *,
    slot: str,
    place: str,
    interpreter: str | None,
) -> list[Conflict]:
    """Every conflict that moving (or adding) the meeting of ``request_id`` to ``slot``,
    ``place`` and ``interpreter`` would create against the other meetings of ``plan``.

    Changes nothing; an empty list means the move is allowed. The meeting's own current
    position in ``plan``, if any, is ignored, so moving a meeting within its own slot is
    not reported as double booking.
    """
    others = [meeting for meeting in plan.meetings if meeting.request != request_id]
    moved = Meeting(request=request_id, slot=slot, place=place, interpreter=interpreter)
    return find_meeting_conflicts(InstanceIndex(instance), moved, others)


def find_meeting_conflicts(
    index: InstanceIndex, meeting: Meeting, others: Iterable[Meeting]
) -> list[Conflict]:
    """Every rule of docs/cli.md that ``meeting`` breaks, alone or beside ``others``
    (meetings of other requests, assumed to stay where they are)."""
    request = index.requests.get(meeting.request)
    if request is None:
        return [Conflict("unknown_request", f"there is no request {meeting.request!r}")]
    conflicts: list[Conflict] = []
    slot_is_known = meeting.slot in index.slot_positions
    if not slot_is_known:
        conflicts.append(Conflict("unknown_slot", f"there is no slot {meeting.slot!r}"))
    parties = [index.participants[request.a], index.participants[request.b]]
    if slot_is_known:
        for party in parties:
            if meeting.slot not in party.available:
                conflicts.append(
                    Conflict(
                        "party_unavailable",
                        f"{party.id} is not available in {meeting.slot}",
                    )
                )
    conflicts.extend(_place_conflicts(index, meeting))
    conflicts.extend(_interpreter_conflicts(index, meeting))
    conflicts.extend(_double_bookings(index, meeting, others))
    return conflicts


def _place_conflicts(index: InstanceIndex, meeting: Meeting) -> list[Conflict]:
    request = index.requests[meeting.request]
    is_table = meeting.place in index.tables
    is_video_room = meeting.place in index.video_rooms
    if not is_table and not is_video_room:
        return [Conflict("unknown_place", f"there is no table or video room {meeting.place!r}")]
    if index.has_remote_party(request) and not is_video_room:
        remote = [party for party in (request.a, request.b) if index.participants[party].remote]
        return [
            Conflict(
                "table_for_remote_party",
                f"{meeting.place} is a table but {' and '.join(remote)} "
                f"{'take' if len(remote) > 1 else 'takes'} part remotely; "
                "the meeting needs a video room",
            )
        ]
    if not index.has_remote_party(request) and not is_table:
        return [
            Conflict(
                "video_room_for_on_site_meeting",
                f"{meeting.place} is a video room but {request.a} and {request.b} "
                "are both on site; the meeting needs a table",
            )
        ]
    return []


def _interpreter_conflicts(index: InstanceIndex, meeting: Meeting) -> list[Conflict]:
    request = index.requests[meeting.request]
    needs_interpreter = index.needs_interpreter(request)
    if meeting.interpreter is None:
        if not needs_interpreter:
            return []
        return [
            Conflict(
                "interpreter_missing",
                f"{request.a} and {request.b} share no language ({index.language_pair(request)}) "
                "and no interpreter is assigned",
            )
        ]
    interpreter = index.interpreters.get(meeting.interpreter)
    if interpreter is None:
        return [Conflict("unknown_interpreter", f"there is no interpreter {meeting.interpreter!r}")]
    conflicts: list[Conflict] = []
    if meeting.slot in index.slot_positions and meeting.slot not in interpreter.available:
        conflicts.append(
            Conflict(
                "interpreter_unavailable",
                f"interpreter {interpreter.id} is not available in {meeting.slot}",
            )
        )
    if needs_interpreter and not index.interpreter_covers(interpreter, request):
        conflicts.append(
            Conflict(
                "interpreter_languages",
                f"interpreter {interpreter.id} ({'/'.join(interpreter.languages)}) does not "
                f"speak a language of each party ({index.language_pair(request)})",
            )
        )
    return conflicts


def _double_bookings(
    index: InstanceIndex, meeting: Meeting, others: Iterable[Meeting]
) -> list[Conflict]:
    request = index.requests[meeting.request]
    parties = (request.a, request.b)
    conflicts: list[Conflict] = []
    meeting_counts = dict.fromkeys(parties, 1)
    for other in others:
        other_request = index.requests.get(other.request)
        if other_request is None:
            continue
        other_parties = (other_request.a, other_request.b)
        for party in parties:
            if party in other_parties:
                meeting_counts[party] += 1
        if other.slot != meeting.slot:
            continue
        for party in parties:
            if party in other_parties:
                conflicts.append(
                    Conflict(
                        "party_double_booked",
                        f"{party} already meets in {meeting.slot} (request {other.request})",
                    )
                )
        if other.place == meeting.place:
            conflicts.append(
                Conflict(
                    "place_double_booked",
                    f"{meeting.place} is already taken in {meeting.slot} (request {other.request})",
                )
            )
        if meeting.interpreter is not None and other.interpreter == meeting.interpreter:
            conflicts.append(
                Conflict(
                    "interpreter_double_booked",
                    f"interpreter {meeting.interpreter} already works in {meeting.slot} "
                    f"(request {other.request})",
                )
            )
    for party in dict.fromkeys(parties):
        limit = index.participants[party].max_meetings
        if limit is not None and meeting_counts[party] > limit:
            conflicts.append(
                Conflict(
                    "max_meetings_exceeded",
                    f"{party} would have {meeting_counts[party]} meetings, more than "
                    f"their maximum of {limit}",
                )
            )
    return conflicts
