"""CP-SAT search over the slot-choice model, started from a known plan."""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from techbridge.core.scheduling.formulation import SlotFormulation
from techbridge.core.scheduling.state import PlanState

# Weights are scaled to integers for CP-SAT by the smallest power of ten (up to this
# exponent) that makes them all whole; beyond it they are rounded.
_LARGEST_WEIGHT_SCALE_EXPONENT = 6
_LARGEST_SCALED_TOTAL = 2**53


@dataclass(frozen=True)
class SearchResult:
    """Chosen ``(request, slot)`` columns, and whether CP-SAT proved them optimal for the
    model it was given with exactly scaled weights."""

    chosen: list[tuple[int, int]]
    proven_optimal: bool


def weight_scale(weights: Sequence[float]) -> tuple[float, bool]:
    """A power of ten turning ``weights`` into integers, and whether it does so exactly.

    The scaled total stays below 2**53, so CP-SAT's 64-bit arithmetic cannot overflow
    and the objective stays exact in floating point; huge weights get a scale below one.
    """
    total = sum(weights)
    for exponent in range(_LARGEST_WEIGHT_SCALE_EXPONENT + 1):
        scale = 10**exponent
        if total * scale > _LARGEST_SCALED_TOTAL:
            break
        if all(abs(weight * scale - round(weight * scale)) <= 1e-9 * scale for weight in weights):
            return scale, True
    exponent = _LARGEST_WEIGHT_SCALE_EXPONENT
    while exponent > -300 and total * 10.0**exponent > _LARGEST_SCALED_TOTAL:
        exponent -= 1
    return 10.0**exponent, False


def search_slots(
    formulation: SlotFormulation,
    weights: Sequence[float],
    hint: PlanState,
    *,
    time_limit: float,
    target_weight: float | None,
    should_cancel: Callable[[], bool] | None,
    on_tick: Callable[[float], None] | None,
) -> SearchResult:
    """Maximise the total weight over ``formulation`` with CP-SAT for at most
    ``time_limit`` seconds, starting from the plan ``hint``.

    The search stops early once a solution reaches ``target_weight`` (an upper bound, so
    such a solution is optimal) or when ``should_cancel`` returns true. ``on_tick`` is
    called about every half second with the elapsed search time. Never returns a worse
    plan than the hint, because the hint is a complete solution CP-SAT starts from.
    """
    scale, exact = weight_scale(weights)
    model = cp_model.CpModel()
    meeting_count = len(formulation.meeting_columns)
    variables: list[cp_model.IntVar] = [model.new_bool_var("") for _ in range(meeting_count)]
    variables += [model.new_int_var(0, upper, "") for upper in formulation.flow_upper]

    rows: list[list[tuple[int, int]]] = [[] for _ in formulation.row_upper]
    for row, column, coefficient in zip(
        formulation.entry_rows,
        formulation.entry_columns,
        formulation.entry_coefficients,
        strict=True,
    ):
        rows[row].append((column, coefficient))
    for entries, bound in zip(rows, formulation.row_upper, strict=True):
        if bound == 1 and all(coefficient == 1 for _, coefficient in entries):
            model.add_at_most_one(variables[column] for column, _ in entries)
        else:
            model.add(
                sum(coefficient * variables[column] for column, coefficient in entries) <= bound
            )
    scaled = [round(weight * scale) for weight in weights]
    model.maximize(sum(weight * variables[column] for column, weight in enumerate(scaled)))

    chosen_in_hint = set(hint.slot_of.items())
    for column, key in enumerate(formulation.meeting_columns):
        model.add_hint(variables[column], key in chosen_in_hint)
    for column, value in enumerate(formulation.flow_values(hint)):
        model.add_hint(variables[meeting_count + column], value)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    solver.parameters.num_workers = max(2, min(8, os.cpu_count() or 1))
    solver.parameters.log_search_progress = False
    target = None
    if target_weight is not None and exact:
        # No whole-number objective can exceed the floor of the scaled bound.
        target = math.floor(target_weight * scale + 1e-6)
    callback = _StopAtTarget(target)
    watcher = _Watcher(solver, should_cancel, on_tick)
    watcher.start()
    try:
        status = solver.solve(model, callback)
    finally:
        watcher.stop()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SearchResult(chosen=list(hint.slot_of.items()), proven_optimal=False)
    chosen = [
        key
        for column, key in enumerate(formulation.meeting_columns)
        if solver.boolean_value(variables[column])
    ]
    reached_target = target is not None and round(solver.objective_value) >= target
    proven = exact and (status == cp_model.OPTIMAL or reached_target)
    return SearchResult(chosen=chosen, proven_optimal=proven)


class _StopAtTarget(cp_model.CpSolverSolutionCallback):
    """Stops the search as soon as a solution reaches the target objective."""

    def __init__(self, target: int | None) -> None:
        super().__init__()
        self.target = target

    def on_solution_callback(self) -> None:
        if self.target is not None and round(self.objective_value) >= self.target:
            self.stop_search()


class _Watcher:
    """A background thread that reports elapsed time and stops the solver on request."""

    def __init__(
        self,
        solver: cp_model.CpSolver,
        should_cancel: Callable[[], bool] | None,
        on_tick: Callable[[float], None] | None,
    ) -> None:
        self.solver = solver
        self.should_cancel = should_cancel
        self.on_tick = on_tick
        self.cancelled = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if self.should_cancel is not None or self.on_tick is not None:
            self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        elapsed = 0.0
        while not self._done.wait(0.5):
            elapsed += 0.5
            if self.on_tick is not None:
                self.on_tick(elapsed)
            if self.should_cancel is not None and self.should_cancel():
                self.cancelled = True
                self.solver.stop_search()
                return
