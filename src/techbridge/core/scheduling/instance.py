"""The data a B2B meeting day is scheduled from, and the meetings it produces.

Plain frozen dataclasses that mirror the ``techbridge schedule-meetings`` input
(docs/cli.md) field for field, so that a problem found in one can be reported with
the JSON path of the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Participant:
    """Someone who takes meetings.

    ``available`` lists the slots the participant can meet in; ``remote`` participants
    meet in video rooms; ``max_meetings`` of ``None`` means no limit.
    """

    id: str
    languages: tuple[str, ...]
    available: tuple[str, ...]
    remote: bool = False
    max_meetings: int | None = None


@dataclass(frozen=True)
class Interpreter:
    """An interpreter who can join one meeting per slot in which they are available."""

    id: str
    languages: tuple[str, ...]
    available: tuple[str, ...]


@dataclass(frozen=True)
class MeetingRequest:
    """An accepted request for one meeting between participants ``a`` and ``b``."""

    id: str
    a: str
    b: str
    weight: float = 1.0


@dataclass(frozen=True)
class Meeting:
    """A request placed in a slot, at a table or in a video room, maybe with an interpreter."""

    request: str
    slot: str
    place: str
    interpreter: str | None = None


@dataclass(frozen=True)
class SchedulingInstance:
    """One event day to schedule.

    ``slots`` are in time order; a break is simply a slot that is not offered.
    ``fixed`` holds confirmed meetings: the scheduler keeps each exactly as it is
    and schedules the other requests around them.
    """

    slots: tuple[str, ...]
    tables: tuple[str, ...]
    video_rooms: tuple[str, ...]
    participants: tuple[Participant, ...]
    interpreters: tuple[Interpreter, ...]
    requests: tuple[MeetingRequest, ...]
    fixed: tuple[Meeting, ...] = ()


@dataclass(frozen=True)
class UnscheduledRequest:
    """A request left out of the plan, with the most specific true reason.

    ``code`` is stable (for translations and statistics); ``reason`` is an English
    sentence naming the participants, slots or languages involved.
    """

    request: str
    code: str
    reason: str


@dataclass(frozen=True)
class SchedulePlan:
    """The scheduler's answer.

    ``status`` is ``"optimal"`` when no plan can reach a higher total weight, else
    ``"feasible"``. ``objective`` is the total weight of ``meetings`` (confirmed ones
    included). ``upper_bound`` is a proven bound on the total weight of any plan
    (``None`` when it could not be computed).
    """

    status: str
    objective: float
    meetings: tuple[Meeting, ...]
    unscheduled: tuple[UnscheduledRequest, ...]
    upper_bound: float | None = None
