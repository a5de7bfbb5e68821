"""Concrete tables, video rooms and interpreters for a plan whose slots are chosen."""

from __future__ import annotations

from techbridge.core.scheduling.instance import Meeting
from techbridge.core.scheduling.problem import SchedulingProblem
from techbridge.core.scheduling.state import PlanState


def place_meetings(problem: SchedulingProblem, state: PlanState) -> list[Meeting]:
    """Every meeting of the plan, confirmed ones unchanged, in slot order.

    Within a slot, open meetings take the free tables (or video rooms) in the order the
    instance lists them, in the order of their requests; ``PlanState`` never lets a
    slot hold more meetings of a kind than free places, so there is always one. Their
    interpreters are the ones ``PlanState`` matched.
    """
    instance = problem.instance
    by_slot: list[list[int]] = [[] for _ in range(problem.slot_count)]
    for request, slot in state.slot_of.items():
        by_slot[slot].append(request)
    placed: list[tuple[int, int, Meeting]] = []
    for slot, requests in enumerate(by_slot):
        next_place = {False: 0, True: 0}
        for request in sorted(requests):
            open_request = problem.requests[request]
            kind = open_request.needs_video_room
            place = problem.free_places(slot, kind)[next_place[kind]]
            next_place[kind] += 1
            interpreter = state.interpreter_of.get(request)
            meeting = Meeting(
                request=open_request.request.id,
                slot=instance.slots[slot],
                place=place,
                interpreter=None if interpreter is None else instance.interpreters[interpreter].id,
            )
            placed.append((slot, open_request.position, meeting))
    request_positions = {request.id: position for position, request in enumerate(instance.requests)}
    for meeting in instance.fixed:
        slot = problem.index.slot_positions[meeting.slot]
        placed.append((slot, request_positions[meeting.request], meeting))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [meeting for _, _, meeting in placed]
