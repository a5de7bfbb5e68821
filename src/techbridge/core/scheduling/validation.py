"""Consistency checks of a scheduling instance, each problem named by its JSON path.

Paths follow the ``techbridge schedule-meetings`` input format (``$.requests[4].b``),
which the dataclasses mirror field for field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from techbridge.core.scheduling.conflicts import find_meeting_conflicts
from techbridge.core.scheduling.index import InstanceIndex
from techbridge.core.scheduling.instance import Meeting, SchedulingInstance


@dataclass(frozen=True)
class InstanceProblem:
    """Something wrong with an instance: where (``$.…`` path) and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidInstanceError(ValueError):
    """Raised by the scheduler for an inconsistent instance; carries every problem found."""

    def __init__(self, problems: list[InstanceProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def find_instance_problems(instance: SchedulingInstance) -> list[InstanceProblem]:
    """Every inconsistency of ``instance``: repeated ids, references to unknown slots,
    participants, requests, places or interpreters, a request of someone with themself,
    negative weights or limits, and confirmed meetings that break a scheduling rule.

    An empty list means the scheduler accepts the instance.
    """
    problems: list[InstanceProblem] = []
    problems += _repeated(instance.slots, "$.slots", "slot")
    problems += _repeated(instance.tables, "$.tables", "table")
    problems += _repeated(instance.video_rooms, "$.video_rooms", "video room")
    tables = set(instance.tables)
    for position, room in enumerate(instance.video_rooms):
        if room in tables:
            problems.append(
                InstanceProblem(f"$.video_rooms[{position}]", f"{room!r} is also a table")
            )
    index = InstanceIndex(instance)
    problems += _participant_problems(instance, index)
    problems += _interpreter_problems(instance, index)
    problems += _request_problems(instance, index)
    if not problems:
        # Confirmed meetings are only checked against a consistent instance, so that
        # every problem reported about them is about the meeting itself.
        problems += _fixed_meeting_problems(instance, index)
    return problems


def _repeated(ids: tuple[str, ...], path: str, noun: str) -> list[InstanceProblem]:
    seen: set[str] = set()
    problems: list[InstanceProblem] = []
    for position, identifier in enumerate(ids):
        if identifier in seen:
            problems.append(
                InstanceProblem(f"{path}[{position}]", f"duplicate {noun} {identifier!r}")
            )
        seen.add(identifier)
    return problems


def _unknown_slots(
    available: tuple[str, ...], path: str, index: InstanceIndex
) -> list[InstanceProblem]:
    return [
        InstanceProblem(f"{path}[{position}]", f"unknown slot {slot!r}")
        for position, slot in enumerate(available)
        if slot not in index.slot_positions
    ]


def _participant_problems(
    instance: SchedulingInstance, index: InstanceIndex
) -> list[InstanceProblem]:
    problems: list[InstanceProblem] = []
    seen: set[str] = set()
    for position, participant in enumerate(instance.participants):
        path = f"$.participants[{position}]"
        if participant.id in seen:
            problems.append(
                InstanceProblem(f"{path}.id", f"duplicate participant {participant.id!r}")
            )
        seen.add(participant.id)
        problems += _unknown_slots(participant.available, f"{path}.available", index)
        if participant.max_meetings is not None and participant.max_meetings < 0:
            problems.append(
                InstanceProblem(
                    f"{path}.max_meetings",
                    f"must not be negative (got {participant.max_meetings})",
                )
            )
    return problems


def _interpreter_problems(
    instance: SchedulingInstance, index: InstanceIndex
) -> list[InstanceProblem]:
    problems: list[InstanceProblem] = []
    seen: set[str] = set()
    for position, interpreter in enumerate(instance.interpreters):
        path = f"$.interpreters[{position}]"
        if interpreter.id in seen:
            problems.append(
                InstanceProblem(f"{path}.id", f"duplicate interpreter {interpreter.id!r}")
            )
        seen.add(interpreter.id)
        problems += _unknown_slots(interpreter.available, f"{path}.available", index)
    return problems


def _request_problems(instance: SchedulingInstance, index: InstanceIndex) -> list[InstanceProblem]:
    problems: list[InstanceProblem] = []
    seen: set[str] = set()
    for position, request in enumerate(instance.requests):
        path = f"$.requests[{position}]"
        if request.id in seen:
            problems.append(InstanceProblem(f"{path}.id", f"duplicate request {request.id!r}"))
        seen.add(request.id)
        for side, party in (("a", request.a), ("b", request.b)):
            if party not in index.participants:
                problems.append(InstanceProblem(f"{path}.{side}", f"unknown participant {party!r}"))
        if request.a == request.b:
            problems.append(
                InstanceProblem(f"{path}.b", f"a request of {request.a!r} with themself")
            )
        if not math.isfinite(request.weight) or request.weight < 0:
            problems.append(
                InstanceProblem(
                    f"{path}.weight",
                    f"must be a finite number of at least 0 (got {request.weight})",
                )
            )
    return problems


def _fixed_meeting_problems(
    instance: SchedulingInstance, index: InstanceIndex
) -> list[InstanceProblem]:
    problems: list[InstanceProblem] = []
    accepted: list[Meeting] = []
    fixed_requests: set[str] = set()
    for position, meeting in enumerate(instance.fixed):
        path = f"$.fixed[{position}]"
        if meeting.request not in index.requests:
            problems.append(
                InstanceProblem(f"{path}.request", f"unknown request {meeting.request!r}")
            )
            continue
        if meeting.request in fixed_requests:
            problems.append(
                InstanceProblem(
                    f"{path}.request", f"request {meeting.request!r} is confirmed twice"
                )
            )
            continue
        fixed_requests.add(meeting.request)
        # Each meeting is checked against the ones before it, so a clash between two
        # confirmed meetings is reported once, at the later one.
        for conflict in find_meeting_conflicts(index, meeting, accepted):
            problems.append(InstanceProblem(path, conflict.message))
        accepted.append(meeting)
    return problems
