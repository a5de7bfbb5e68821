"""Look-up tables over a scheduling instance, built once and shared by the checks."""

from __future__ import annotations

from techbridge.core.scheduling.instance import (
    Interpreter,
    MeetingRequest,
    Participant,
    SchedulingInstance,
)


class InstanceIndex:
    """Participants, interpreters and requests by id, and the sets of known slots and places.

    When an id is repeated (an invalid instance) the first occurrence wins; validation
    reports the repetition separately.
    """

    def __init__(self, instance: SchedulingInstance) -> None:
        self.instance = instance
        self.slot_positions: dict[str, int] = {}
        for position, slot in enumerate(instance.slots):
            self.slot_positions.setdefault(slot, position)
        self.tables: frozenset[str] = frozenset(instance.tables)
        self.video_rooms: frozenset[str] = frozenset(instance.video_rooms)
        self.participants: dict[str, Participant] = {}
        for participant in instance.participants:
            self.participants.setdefault(participant.id, participant)
        self.interpreters: dict[str, Interpreter] = {}
        for interpreter in instance.interpreters:
            self.interpreters.setdefault(interpreter.id, interpreter)
        self.requests: dict[str, MeetingRequest] = {}
        for request in instance.requests:
            self.requests.setdefault(request.id, request)

    def needs_interpreter(self, request: MeetingRequest) -> bool:
        """Whether the two parties of ``request`` share no language."""
        return not set(self.participants[request.a].languages) & set(
            self.participants[request.b].languages
        )

    def has_remote_party(self, request: MeetingRequest) -> bool:
        """Whether the meeting needs a video room rather than a table."""
        return self.participants[request.a].remote or self.participants[request.b].remote

    def interpreter_covers(self, interpreter: Interpreter, request: MeetingRequest) -> bool:
        """Whether ``interpreter`` speaks a language of each party of ``request``."""
        spoken = set(interpreter.languages)
        return bool(spoken & set(self.participants[request.a].languages)) and bool(
            spoken & set(self.participants[request.b].languages)
        )

    def language_pair(self, request: MeetingRequest) -> str:
        """The parties' languages as ``zh–ru`` (``zh/en–ru`` when a party speaks several)."""
        first = "/".join(self.participants[request.a].languages) or "no language"
        second = "/".join(self.participants[request.b].languages) or "no language"
        return f"{first}–{second}"
