"""``schedule_meetings``: the B2B meeting scheduler (see docs/scheduling.md).

Pipeline: validate → take confirmed meetings out → LP relaxation of the slot-choice
model (HiGHS) → round its vertex into a plan → improve it with CP-SAT from that plan
→ insert anything still fitting → give concrete places and interpreters → explain each
request left out.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from techbridge.core.scheduling.formulation import SlotFormulation, build_formulation
from techbridge.core.scheduling.instance import SchedulePlan, SchedulingInstance
from techbridge.core.scheduling.placement import place_meetings
from techbridge.core.scheduling.problem import SchedulingProblem
from techbridge.core.scheduling.reasons import explain_unscheduled
from techbridge.core.scheduling.relaxation import RelaxationSolution, solve_relaxation
from techbridge.core.scheduling.search import search_slots
from techbridge.core.scheduling.state import PlanState
from techbridge.core.scheduling.validation import InvalidInstanceError, find_instance_problems

# Used when the caller gives no time limit: a whole 1,000-participant day, including
# reading and writing files, then stays within a minute.
DEFAULT_TIME_LIMIT_SECONDS = 50.0

# Up to this many (request, slot) columns CP-SAT gets the whole model, so that it can
# prove optimality; above it, only the columns the LP finds nearly worth it.
_FULL_MODEL_COLUMNS = 12_000

# Columns whose LP reduced cost is below -(this × median weight) are left out of a
# restricted CP-SAT model: the LP prices them as clearly not worth their resources.
_REDUCED_COST_MARGIN = 0.25

# Share of the time limit the LP may use before the solver falls back to a greedy start.
_RELAXATION_SHARE = 0.5

# Below this many seconds left, CP-SAT is not started: building its model alone would
# overrun the time limit.
_SHORTEST_SEARCH_SECONDS = 0.2

ProgressCallback = Callable[[str, int, int], None]


class SchedulingCancelled(Exception):
    """Raised when ``should_cancel`` asked the scheduler to stop; nothing is returned."""


def schedule_meetings(
    instance: SchedulingInstance,
    *,
    time_limit: float | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> SchedulePlan:
    """Schedule the accepted requests of ``instance`` to maximise their total weight.

    Every meeting obeys the rules of docs/cli.md; confirmed meetings (``instance.fixed``)
    are kept exactly as they are; each request left out gets the most specific true
    reason. Runs for at most about ``time_limit`` seconds (default
    ``DEFAULT_TIME_LIMIT_SECONDS``) and returns early once the plan is proven optimal.

    ``on_progress(stage, done, total)`` is called as the work advances;
    ``should_cancel()`` is polled and, when it returns true, ``SchedulingCancelled`` is
    raised. An inconsistent instance raises ``InvalidInstanceError`` listing every
    problem.
    """
    started = time.monotonic()
    limit = DEFAULT_TIME_LIMIT_SECONDS if time_limit is None else max(time_limit, 0.0)
    deadline = started + limit

    def report(stage: str, done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(stage, done, total)

    def check_cancelled() -> None:
        if should_cancel is not None and should_cancel():
            raise SchedulingCancelled

    problems = find_instance_problems(instance)
    if problems:
        raise InvalidInstanceError(problems)
    report("preparing", 0, 1)
    problem = SchedulingProblem(instance)
    columns = [
        (request, slot)
        for request, open_request in enumerate(problem.requests)
        for slot in open_request.candidate_slots
    ]
    weights = np.asarray([problem.requests[request].weight for request, _ in columns])
    report("preparing", 1, 1)
    check_cancelled()

    report("relaxation", 0, 1)
    full_model = build_formulation(problem, columns)
    # Finishing (places, interpreters, reasons) takes well under a second per 5,000
    # requests; keep that much back from the search.
    reserve = min(0.1 * limit, 0.5 + 0.0002 * len(problem.requests))
    relaxation = None
    if columns:
        relaxation = solve_relaxation(
            full_model, weights, time_limit=_RELAXATION_SHARE * (deadline - time.monotonic())
        )
    report("relaxation", 1, 1)
    check_cancelled()

    state = _first_plan(problem, columns, weights, relaxation)
    open_bound = None if relaxation is None else relaxation.upper_bound
    if not columns:
        open_bound = 0.0  # no open request can be placed anywhere
    proven = len(state.slot_of) == len(problem.requests) or (
        open_bound is not None and _reaches(state.weight, open_bound)
    )
    if not proven and columns and deadline - time.monotonic() - reserve > _SHORTEST_SEARCH_SECONDS:
        state, proven = _improve(
            problem,
            columns,
            weights,
            full_model,
            relaxation,
            state,
            search_deadline=deadline - reserve,
            report=report,
            should_cancel=should_cancel,
        )
        check_cancelled()
        proven = proven or (open_bound is not None and _reaches(state.weight, open_bound))
    check_cancelled()

    report("explaining", 0, 1)
    meetings = place_meetings(problem, state)
    unscheduled = explain_unscheduled(problem, state)
    report("explaining", 1, 1)
    objective = math.fsum(problem.index.requests[meeting.request].weight for meeting in meetings)
    upper_bound = None if open_bound is None else problem.fixed_weight + open_bound
    if proven:
        upper_bound = objective if upper_bound is None else min(upper_bound, objective)
    return SchedulePlan(
        status="optimal" if proven else "feasible",
        objective=round(objective, 9),
        meetings=tuple(meetings),
        unscheduled=tuple(unscheduled),
        upper_bound=None if upper_bound is None else round(upper_bound, 9),
    )


def schedule_meetings_greedily(instance: SchedulingInstance) -> SchedulePlan:
    """A fast baseline: requests by decreasing weight (fewest candidate slots first among
    equals), each in its earliest slot where it still fits. Same rules, same reasons;
    no optimisation and no bound."""
    problems = find_instance_problems(instance)
    if problems:
        raise InvalidInstanceError(problems)
    problem = SchedulingProblem(instance)
    state = PlanState(problem)
    state.insert_greedily(_by_weight(problem))
    meetings = place_meetings(problem, state)
    complete = len(state.slot_of) == len(problem.requests)
    objective = math.fsum(problem.index.requests[meeting.request].weight for meeting in meetings)
    return SchedulePlan(
        status="optimal" if complete else "feasible",
        objective=round(objective, 9),
        meetings=tuple(meetings),
        unscheduled=tuple(explain_unscheduled(problem, state)),
    )


def _improve(
    problem: SchedulingProblem,
    columns: list[tuple[int, int]],
    weights: np.ndarray,
    full_model: SlotFormulation,
    relaxation: RelaxationSolution | None,
    state: PlanState,
    *,
    search_deadline: float,
    report: ProgressCallback,
    should_cancel: Callable[[], bool] | None,
) -> tuple[PlanState, bool]:
    """Search with CP-SAT from ``state`` until ``search_deadline``; returns the better of
    the two plans and whether it is proven optimal."""
    use_full_model = relaxation is None or len(columns) <= _FULL_MODEL_COLUMNS
    if use_full_model:
        model, model_weights = full_model, weights
    else:
        assert relaxation is not None
        kept = _promising_columns(columns, weights, relaxation, state)
        model = build_formulation(problem, [columns[column] for column in kept])
        model_weights = weights[kept]
    budget = search_deadline - time.monotonic()

    def tick(elapsed: float) -> None:
        report("search", min(round(elapsed), round(budget)), max(round(budget), 1))

    result = search_slots(
        model,
        model_weights.tolist(),
        state,
        time_limit=budget,
        target_weight=None if relaxation is None else relaxation.upper_bound,
        should_cancel=should_cancel,
        on_tick=tick,
    )
    improved = PlanState(problem)
    for request, slot in sorted(result.chosen):
        improved.try_add(request, slot)
    # Anything the restricted model left out and that still fits goes in now.
    improved.insert_greedily(_by_weight(problem))
    report("search", 1, 1)
    if improved.weight >= state.weight:
        return improved, result.proven_optimal and use_full_model
    return state, False


def _by_weight(problem: SchedulingProblem) -> list[int]:
    return sorted(
        range(len(problem.requests)),
        key=lambda request: (
            -problem.requests[request].weight,
            len(problem.requests[request].candidate_slots),
            request,
        ),
    )


def _first_plan(
    problem: SchedulingProblem,
    columns: list[tuple[int, int]],
    weights: np.ndarray,
    relaxation: RelaxationSolution | None,
) -> PlanState:
    """Round the LP vertex: columns by decreasing LP value, then weight, each kept if it
    still fits. Every column is tried, so nothing that fits is left out. Without an LP
    solution, the greedy order by weight."""
    state = PlanState(problem)
    if relaxation is None:
        state.insert_greedily(_by_weight(problem))
        return state
    values = np.round(relaxation.values, 6)
    order = np.lexsort((np.arange(len(columns)), -weights, -values))
    for column in order.tolist():
        request, slot = columns[column]
        state.try_add(request, slot)
    return state


def _promising_columns(
    columns: list[tuple[int, int]],
    weights: np.ndarray,
    relaxation: RelaxationSolution,
    state: PlanState,
) -> list[int]:
    """Columns for a restricted CP-SAT model: those used by the LP or by the current
    plan, and those whose reduced cost is within a margin of zero."""
    margin = _REDUCED_COST_MARGIN * float(np.median(weights))
    keep = (relaxation.values > 1e-9) | (relaxation.reduced_costs >= -margin)
    chosen = set(state.slot_of.items())
    return [column for column, key in enumerate(columns) if keep[column] or key in chosen]


def _reaches(weight: float, bound: float) -> bool:
    """Whether ``weight`` equals the upper bound up to floating-point noise."""
    return weight >= bound - 1e-7 * max(1.0, abs(bound))
