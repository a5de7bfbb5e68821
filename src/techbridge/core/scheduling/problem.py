"""A validated instance turned into integer-indexed data for the solvers.

Confirmed (fixed) meetings are taken out here: they occupy their parties, place and
interpreter in their slot and count towards their parties' maximum, and every other
request only sees what they leave free.
"""

from __future__ import annotations

from dataclasses import dataclass

from techbridge.core.scheduling.index import InstanceIndex
from techbridge.core.scheduling.instance import MeetingRequest, SchedulingInstance


@dataclass(frozen=True)
class OpenRequest:
    """A request that is not confirmed yet, as the solvers see it.

    ``eligible_interpreters`` is ``None`` when the parties share a language, else the
    positions of the interpreters who speak a language of each party (maybe none).
    ``candidate_slots`` are the slots where nothing fixed rules the meeting out: both
    parties available and not in a confirmed meeting, a place of the right kind left,
    an eligible interpreter available and not in a confirmed meeting when one is needed.
    """

    position: int
    request: MeetingRequest
    parties: tuple[int, int]
    weight: float
    needs_video_room: bool
    eligible_interpreters: tuple[int, ...] | None
    candidate_slots: tuple[int, ...]


class SchedulingProblem:
    """Integer-indexed view of one instance (slots, participants and interpreters by
    position) with the resources that confirmed meetings leave free."""

    def __init__(self, instance: SchedulingInstance) -> None:
        self.instance = instance
        self.index = InstanceIndex(instance)
        self.slot_count = len(instance.slots)
        self.participant_positions = {
            participant.id: position for position, participant in enumerate(instance.participants)
        }
        self.interpreter_positions = {
            interpreter.id: position for position, interpreter in enumerate(instance.interpreters)
        }
        slot_positions = self.index.slot_positions
        fixed_requests = {meeting.request for meeting in instance.fixed}

        # What confirmed meetings hold, slot by slot.
        self.fixed_busy = [0] * len(instance.participants)  # bit s set: busy in slot s
        self.fixed_meeting_counts = [0] * len(instance.participants)
        taken_places: list[set[str]] = [set() for _ in instance.slots]
        taken_interpreters: list[set[int]] = [set() for _ in instance.slots]
        for meeting in instance.fixed:
            request = self.index.requests[meeting.request]
            slot = slot_positions[meeting.slot]
            for party in (request.a, request.b):
                position = self.participant_positions[party]
                self.fixed_busy[position] |= 1 << slot
                self.fixed_meeting_counts[position] += 1
            taken_places[slot].add(meeting.place)
            if meeting.interpreter is not None:
                taken_interpreters[slot].add(self.interpreter_positions[meeting.interpreter])
        self.fixed_weight = sum(
            self.index.requests[meeting.request].weight for meeting in instance.fixed
        )

        self.free_tables = [
            [table for table in instance.tables if table not in taken_places[slot]]
            for slot in range(self.slot_count)
        ]
        self.free_video_rooms = [
            [room for room in instance.video_rooms if room not in taken_places[slot]]
            for slot in range(self.slot_count)
        ]
        self.available_slots = [
            _slot_mask(participant.available, slot_positions)
            for participant in instance.participants
        ]
        # Meetings each participant may still take beyond the confirmed ones; without a
        # maximum, one per slot, which the one-meeting-per-slot rule implies anyway.
        self.has_maximum = [
            participant.max_meetings is not None for participant in instance.participants
        ]
        self.remaining_capacity = [
            self.slot_count
            if participant.max_meetings is None
            else max(0, participant.max_meetings - self.fixed_meeting_counts[position])
            for position, participant in enumerate(instance.participants)
        ]
        self.free_interpreters: list[frozenset[int]] = [
            frozenset(
                position
                for position, interpreter in enumerate(instance.interpreters)
                if instance.slots[slot] in interpreter.available
                and position not in taken_interpreters[slot]
            )
            for slot in range(self.slot_count)
        ]
        # Interpreters with the same languages are interchangeable within a slot.
        language_sets: dict[frozenset[str], int] = {}
        self.interpreter_types = [
            language_sets.setdefault(frozenset(interpreter.languages), len(language_sets))
            for interpreter in instance.interpreters
        ]
        self.interpreter_type_count = len(language_sets)

        self.requests = [
            self._open_request(position, request)
            for position, request in enumerate(instance.requests)
            if request.id not in fixed_requests
        ]

    def _open_request(self, position: int, request: MeetingRequest) -> OpenRequest:
        first = self.participant_positions[request.a]
        second = self.participant_positions[request.b]
        needs_video_room = self.index.has_remote_party(request)
        eligible: tuple[int, ...] | None = None
        if self.index.needs_interpreter(request):
            eligible = tuple(
                position
                for position, interpreter in enumerate(self.instance.interpreters)
                if self.index.interpreter_covers(interpreter, request)
            )
        candidates: list[int] = []
        if self.remaining_capacity[first] > 0 and self.remaining_capacity[second] > 0:
            common = self.available_slots[first] & self.available_slots[second]
            common &= ~(self.fixed_busy[first] | self.fixed_busy[second])
            for slot in range(self.slot_count):
                if not common >> slot & 1:
                    continue
                if not self.free_places(slot, needs_video_room):
                    continue
                if eligible is not None and not self.free_interpreters[slot].intersection(eligible):
                    continue
                candidates.append(slot)
        return OpenRequest(
            position=position,
            request=request,
            parties=(first, second),
            weight=request.weight,
            needs_video_room=needs_video_room,
            eligible_interpreters=eligible,
            candidate_slots=tuple(candidates),
        )

    def free_places(self, slot: int, video_room: bool) -> list[str]:
        """Tables (or video rooms) that confirmed meetings leave free in ``slot``."""
        return self.free_video_rooms[slot] if video_room else self.free_tables[slot]


def _slot_mask(slots: tuple[str, ...], positions: dict[str, int]) -> int:
    mask = 0
    for slot in slots:
        mask |= 1 << positions[slot]
    return mask
