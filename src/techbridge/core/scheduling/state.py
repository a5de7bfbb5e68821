"""A partial plan that knows, at every step, whether one more meeting fits.

Places of one kind are interchangeable within a slot, so only their number is tracked;
interpreters are not (they speak different languages), so each slot keeps a matching
of meetings to interpreters that is repaired along an augmenting path when a meeting
is added (Kuhn's algorithm). A meeting therefore fits exactly when the rules of
docs/cli.md allow it beside the meetings already placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from techbridge.core.scheduling.problem import SchedulingProblem


class Blocker(Enum):
    """Why a meeting does not fit in a slot of the current plan."""

    FIRST_PARTY_BUSY = "first party busy"
    SECOND_PARTY_BUSY = "second party busy"
    PLACES_FULL = "places full"
    INTERPRETERS_BUSY = "interpreters busy"


class PlanState:
    """Meetings placed so far (open request position → slot), with the load they put on
    parties, places and interpreters. Confirmed meetings are already accounted for by
    the problem and never appear here."""

    def __init__(self, problem: SchedulingProblem) -> None:
        self.problem = problem
        self.slot_of: dict[int, int] = {}
        self.busy = list(problem.fixed_busy)
        self.meeting_counts = [0] * len(problem.instance.participants)
        self.tables_used = [0] * problem.slot_count
        self.video_rooms_used = [0] * problem.slot_count
        # Per slot: interpreter position → open request position it works for.
        self.interpreter_work: list[dict[int, int]] = [{} for _ in range(problem.slot_count)]
        self.interpreter_of: dict[int, int] = {}

    @property
    def weight(self) -> float:
        """Total weight of the meetings placed (confirmed ones excluded)."""
        return sum(self.problem.requests[request].weight for request in self.slot_of)

    def blockers(self, request: int, slot: int) -> list[Blocker]:
        """What keeps ``request`` out of ``slot`` now (empty when it fits).

        ``slot`` must be one of the request's candidate slots, and the request must not
        be placed; the participants' maximum is checked separately (``at_capacity``).
        """
        open_request = self.problem.requests[request]
        first, second = open_request.parties
        found: list[Blocker] = []
        if self.busy[first] >> slot & 1:
            found.append(Blocker.FIRST_PARTY_BUSY)
        if self.busy[second] >> slot & 1:
            found.append(Blocker.SECOND_PARTY_BUSY)
        if self._places_left(slot, open_request.needs_video_room) <= 0:
            found.append(Blocker.PLACES_FULL)
        if (
            open_request.eligible_interpreters is not None
            and self._augmenting_path(request, slot, set()) is None
        ):
            found.append(Blocker.INTERPRETERS_BUSY)
        return found

    def at_capacity(self, request: int) -> list[int]:
        """Parties of ``request`` (participant positions) who have reached their maximum."""
        return [
            party
            for party in self.problem.requests[request].parties
            if self.problem.has_maximum[party]
            and self.meeting_counts[party] >= self.problem.remaining_capacity[party]
        ]

    def try_add(self, request: int, slot: int) -> bool:
        """Place ``request`` in ``slot`` if every rule allows it; report whether it did."""
        if request in self.slot_of:
            return False
        open_request = self.problem.requests[request]
        first, second = open_request.parties
        if (self.busy[first] | self.busy[second]) >> slot & 1:
            return False
        if self.at_capacity(request):
            return False
        if self._places_left(slot, open_request.needs_video_room) <= 0:
            return False
        if open_request.eligible_interpreters is not None:
            path = self._augmenting_path(request, slot, set())
            if path is None:
                return False
            for interpreter, holder in path:
                self.interpreter_work[slot][interpreter] = holder
                self.interpreter_of[holder] = interpreter
        self.slot_of[request] = slot
        self.busy[first] |= 1 << slot
        self.busy[second] |= 1 << slot
        self.meeting_counts[first] += 1
        self.meeting_counts[second] += 1
        if open_request.needs_video_room:
            self.video_rooms_used[slot] += 1
        else:
            self.tables_used[slot] += 1
        return True

    def remove(self, request: int) -> None:
        """Take ``request`` out of the plan (it must be placed)."""
        slot = self.slot_of.pop(request)
        open_request = self.problem.requests[request]
        first, second = open_request.parties
        self.busy[first] &= ~(1 << slot)
        self.busy[second] &= ~(1 << slot)
        self.meeting_counts[first] -= 1
        self.meeting_counts[second] -= 1
        if open_request.needs_video_room:
            self.video_rooms_used[slot] -= 1
        else:
            self.tables_used[slot] -= 1
        interpreter = self.interpreter_of.pop(request, None)
        if interpreter is not None:
            del self.interpreter_work[slot][interpreter]

    def insert_greedily(self, order: Iterable[int]) -> int:
        """Try each request of ``order`` in its candidate slots, earliest first, keeping
        the first that fits; returns how many were added."""
        added = 0
        for request in order:
            if request in self.slot_of:
                continue
            for slot in self.problem.requests[request].candidate_slots:
                if self.try_add(request, slot):
                    added += 1
                    break
        return added

    def _places_left(self, slot: int, video_room: bool) -> int:
        used = self.video_rooms_used[slot] if video_room else self.tables_used[slot]
        return len(self.problem.free_places(slot, video_room)) - used

    def _augmenting_path(
        self, request: int, slot: int, visited: set[int]
    ) -> list[tuple[int, int]] | None:
        """Interpreter reassignments ``(interpreter, request)`` that free an eligible
        interpreter for ``request`` in ``slot``, or ``None`` when there is none."""
        eligible = self.problem.requests[request].eligible_interpreters or ()
        free = self.problem.free_interpreters[slot]
        work = self.interpreter_work[slot]
        for interpreter in eligible:
            if interpreter not in free or interpreter in visited:
                continue
            visited.add(interpreter)
            holder = work.get(interpreter)
            if holder is None:
                return [(interpreter, request)]
            path = self._augmenting_path(holder, slot, visited)
            if path is not None:
                return [*path, (interpreter, request)]
        return None
