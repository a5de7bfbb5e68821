"""Why a request is not in the plan: the most specific true reason.

Causes are checked from the most structural (the instance alone rules the meeting out)
to the most circumstantial (other meetings took what it needed), and the first that
explains the whole request is given:

1. the parties are never available at the same time;
2. in every slot where they are, one of them has a confirmed meeting;
3. an interpreter is needed and none speaks a language of each party;
4. an interpreter is needed and none is free in any common free slot;
5. a party has reached their maximum number of meetings;
6. the parties are free in every common free slot, and every such slot has all its
   tables (or video rooms) taken;
7. the parties are free in every common free slot, and every such slot has every
   suitable interpreter busy;
8. otherwise every common free slot is blocked by a mix of the above or by a party's
   other meeting: the request lost to competing requests, listed slot by slot.
"""

from __future__ import annotations

from techbridge.core.scheduling.instance import UnscheduledRequest
from techbridge.core.scheduling.problem import OpenRequest, SchedulingProblem
from techbridge.core.scheduling.state import Blocker, PlanState


def explain_unscheduled(problem: SchedulingProblem, state: PlanState) -> list[UnscheduledRequest]:
    """One explanation per open request that ``state`` leaves out, in request order."""
    return [
        _explain(problem, state, request, open_request)
        for request, open_request in enumerate(problem.requests)
        if request not in state.slot_of
    ]


def _explain(
    problem: SchedulingProblem, state: PlanState, request: int, open_request: OpenRequest
) -> UnscheduledRequest:
    index = problem.index
    first, second = open_request.parties
    first_id, second_id = open_request.request.a, open_request.request.b
    request_id = open_request.request.id

    def reason(code: str, text: str) -> UnscheduledRequest:
        return UnscheduledRequest(request=request_id, code=code, reason=text)

    common = problem.available_slots[first] & problem.available_slots[second]
    if not common:
        return reason(
            "no_common_slot",
            f"no common free slot: {first_id} and {second_id} are never available at the same time",
        )
    common &= ~(problem.fixed_busy[first] | problem.fixed_busy[second])
    if not common:
        return reason(
            "no_common_slot",
            f"no common free slot: in every slot where both are available, {first_id} "
            f"or {second_id} already has a confirmed meeting",
        )
    slots = [slot for slot in range(problem.slot_count) if common >> slot & 1]
    eligible = open_request.eligible_interpreters
    if eligible is not None:
        pair = index.language_pair(open_request.request)
        if not eligible:
            return reason(
                "no_interpreter_for_languages",
                f"no interpreter speaks a language of each party ({pair})",
            )
        slots = [slot for slot in slots if problem.free_interpreters[slot].intersection(eligible)]
        if not slots:
            return reason(
                "no_interpreter_free",
                f"no interpreter for {pair} free in any common free slot",
            )
    full = state.at_capacity(request)
    if full:
        names = " and ".join(problem.instance.participants[party].id for party in full)
        verb = "have" if len(full) > 1 else "has"
        return reason(
            "max_meetings_reached",
            f"{names} {verb} reached the maximum number of meetings",
        )
    blockers = {slot: state.blockers(request, slot) for slot in slots}
    # Places or interpreters are named alone only when the parties are free in every
    # slot: if a party is busy somewhere, more tables or interpreters would not do.
    parties_free = not any(
        Blocker.FIRST_PARTY_BUSY in found or Blocker.SECOND_PARTY_BUSY in found
        for found in blockers.values()
    )
    if parties_free and all(Blocker.PLACES_FULL in found for found in blockers.values()):
        places = "video rooms" if open_request.needs_video_room else "tables"
        return reason("places_full", f"all {places} taken in every common free slot")
    if parties_free and all(Blocker.INTERPRETERS_BUSY in found for found in blockers.values()):
        return reason(
            "interpreters_busy",
            f"all interpreters for {index.language_pair(open_request.request)} busy in "
            "every common free slot",
        )
    free = [slot for slot, found in blockers.items() if not found]
    if free:
        # The final insertion pass tries every candidate slot, so this only happens if
        # that pass was skipped; said plainly rather than invented.
        return reason(
            "not_placed",
            f"not placed although {problem.instance.slots[free[0]]} is free",
        )
    labels = {
        Blocker.FIRST_PARTY_BUSY: f"{first_id} busy",
        Blocker.SECOND_PARTY_BUSY: f"{second_id} busy",
        Blocker.PLACES_FULL: (
            "video rooms full" if open_request.needs_video_room else "tables full"
        ),
        Blocker.INTERPRETERS_BUSY: "interpreters busy",
    }
    details = "; ".join(
        f"{problem.instance.slots[slot]}: {', '.join(labels[blocker] for blocker in found)}"
        for slot, found in blockers.items()
    )
    return reason(
        "lower_priority",
        f"lower priority than competing requests: every common free slot is taken ({details})",
    )
