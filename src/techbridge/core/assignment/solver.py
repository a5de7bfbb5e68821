"""Optimal reviewer assignment: min-cost flow on a pruned graph, priced to the full graph.

1. Keep, for each project, its best few free experts and, for each expert, its best
   few free projects: the candidate graph (a few percent of all pairs).
2. Solve the min-cost flow on it exactly (``network.solve_network``).
3. Compute node potentials (``network.node_distances``) and the reduced cost of EVERY
   free pair of the full graph. A pair outside the candidate graph with negative
   reduced cost could improve the flow: add the most negative ones and go to 2.
4. When no pair has a negative reduced cost the potentials are dual-feasible for the
   full graph, so the flow is optimal for it (LP duality; the transportation LP is
   totally unimodular, so the LP optimum is the integer optimum).

The Lagrangian bound of step 4, computed with the unrounded float affinities, is
returned as ``upper_bound``: the proof travels with the answer. See docs/assignment.md.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from techbridge.core.assignment.diagnosis import shortfall_explanations
from techbridge.core.assignment.model import (
    AssignmentCancelled,
    AssignmentInstance,
    AssignmentProgress,
    AssignmentResult,
    AssignmentStatistics,
    AssignmentStatus,
    Explanation,
    ProgressPhase,
    instance_problems,
)
from techbridge.core.assignment.network import (
    CostScale,
    FlowSolution,
    IntMatrix,
    choose_cost_scale,
    duality_gap,
    integer_costs,
    node_distances,
    reduced_costs,
    solve_network,
)
from techbridge.core.assignment.preparation import (
    BoolMatrix,
    CapacityReport,
    PreparedInstance,
    capacity_report,
    prepare_instance,
)

ProgressCallback = Callable[[AssignmentProgress], None]
CancelCheck = Callable[[], bool]


def _top_in_rows(scores: npt.NDArray[np.float64], allowed: BoolMatrix, count: int) -> BoolMatrix:
    """Mark, in each row, the ``count`` allowed cells with the highest score."""
    chosen = np.zeros(scores.shape, dtype=bool)
    width = scores.shape[1]
    if count <= 0 or width == 0:
        return chosen
    if count >= width:
        return allowed.copy()
    masked = np.where(allowed, scores, -np.inf)
    best = np.argpartition(-masked, count - 1, axis=1)[:, :count]
    chosen[np.arange(scores.shape[0])[:, None], best] = True
    return chosen & allowed


def initial_candidates(prepared: PreparedInstance) -> BoolMatrix:
    """Each project's best ``2K + 4`` free experts and each expert's best free projects.

    An expert keeps about twice its average share of reviews (more when its minimum
    load asks for it), so the first flow rarely needs slack; pricing adds whatever else
    the optimum needs.
    """
    expert_count = prepared.free.shape[1]
    per_project = 2 * prepared.reviews_per_project + 4
    average_load = math.ceil(prepared.remaining_reviews.sum() / max(expert_count, 1))
    per_expert = max(2 * average_load + 2, 2 * int(prepared.remaining_min.max(initial=0)))
    by_project = _top_in_rows(prepared.affinity, prepared.free, per_project)
    by_expert = _top_in_rows(prepared.affinity.T, prepared.free.T, per_expert).T
    candidates: BoolMatrix = by_project | by_expert
    return candidates


def _most_violating(reduced: IntMatrix, violating: BoolMatrix, count: int) -> BoolMatrix:
    """In each row holding violations, the ``count`` with the most negative reduced cost."""
    added = np.zeros(reduced.shape, dtype=bool)
    rows = np.flatnonzero(violating.any(axis=1))
    if len(rows) == 0:
        return added
    width = reduced.shape[1]
    scores = np.where(violating[rows], reduced[rows], np.iinfo(np.int64).max)
    if count < width:
        best = np.argpartition(scores, count - 1, axis=1)[:, :count]
    else:
        best = np.broadcast_to(np.arange(width), (len(rows), width))
    added[rows[:, None], best] = True
    return added & violating


def _float_upper_bound(
    prepared: PreparedInstance,
    solution: FlowSolution,
    chosen: BoolMatrix,
    distances: npt.NDArray[np.int64],
    reduced: IntMatrix,
    scale: CostScale,
    objective: float,
) -> float:
    """LP-duality bound on the affinity of any assignment with the same coverage.

    Uses the unrounded affinities, so it bounds the true (float) problem, not only the
    integer-cost one the flow solver saw: ``objective + gap / factor``, where the gap
    is the complementary-slackness gap of the flow under the final potentials. The
    float reduced cost of a pair is its exact integer reduced cost plus the rounding
    residual of its cost, so large potentials lose no precision.
    """
    # Terms can be non-zero only on chosen pairs and on pairs whose integer reduced cost
    # is <= 0 (a rounding residual is at most 1/2, so a reduced cost >= 1 stays positive).
    rows, columns = np.nonzero(chosen | (prepared.free & (reduced <= 0)))
    exact_costs = -prepared.affinity[rows, columns] * scale.factor
    residual = exact_costs - np.rint(exact_costs)
    pair_reduced = reduced[rows, columns] + residual
    pair_flows = chosen[rows, columns].astype(np.int64)
    gap = duality_gap(solution, distances, pair_reduced, pair_flows)
    return objective + gap / scale.factor


class _Reporter:
    """Sends progress events with a never-decreasing fraction."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.fraction = 0.0

    def __call__(
        self,
        phase: ProgressPhase,
        round_number: int,
        fraction: float,
        message: str,
        *,
        objective: float | None = None,
        gap: float | None = None,
    ) -> None:
        self.fraction = max(self.fraction, min(fraction, 1.0))
        if self.callback is not None:
            self.callback(
                AssignmentProgress(phase, round_number, self.fraction, message, objective, gap)
            )


def _chosen_matrix(solution: FlowSolution) -> BoolMatrix:
    """The free pairs that carry flow, as a projects x experts matrix."""
    chosen = np.zeros((solution.project_count, solution.expert_count), dtype=bool)
    chosen[solution.chosen_pairs()] = True
    return chosen


def _check_cancel(should_cancel: CancelCheck | None) -> None:
    if should_cancel is not None and should_cancel():
        raise AssignmentCancelled("reviewer assignment cancelled")


def _empty_result(
    prepared: PreparedInstance, explanations: list[str], started: float
) -> AssignmentResult:
    """The answer when there are no projects or no experts: nothing can be assigned."""
    k = prepared.reviews_per_project
    unfilled = [(project, k) for project in prepared.projects if k > 0]
    underloaded = [
        (expert, int(minimum))
        for expert, minimum in zip(prepared.experts, prepared.min_load, strict=True)
        if minimum > 0
    ]
    status: AssignmentStatus = "infeasible" if unfilled or underloaded else "optimal"
    return AssignmentResult(
        status,
        0.0,
        [],
        unfilled,
        underloaded,
        explanations,
        0.0,
        AssignmentStatistics(0, 0, 0, time.monotonic() - started),
    )


def solve_assignment(
    instance: AssignmentInstance,
    *,
    time_limit: float | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> AssignmentResult:
    """Assign K experts to each project, maximising total affinity, with a proof.

    Never assigns a conflicted pair, never exceeds K per project or an expert's maximum
    load, always keeps the locked pairs that break none of these (the others are dropped
    and explained), and meets minimum loads whenever possible. When not everything can
    hold, returns the assignment with the most reviews given and minimum loads met, then
    the most affinity, and says in ``explanations`` which projects or experts fall short
    and why.

    ``time_limit`` (seconds) stops the pricing rounds early, with status ``"feasible"``;
    the first round always completes. ``on_progress`` receives an
    :class:`AssignmentProgress` after each phase; ``should_cancel`` is polled between
    phases and a true answer raises :class:`AssignmentCancelled`.

    Raises ``ValueError`` listing every structural defect of ``instance``.
    """
    started = time.monotonic()
    problems = instance_problems(instance)
    if problems:
        raise ValueError("invalid assignment instance: " + "; ".join(problems))
    report = _Reporter(on_progress)
    report("prepare", 0, 0.0, "preparing the instance")
    prepared = prepare_instance(instance)
    known = capacity_report(prepared)
    explanations = prepared.explanations + known.explanations
    project_count, expert_count = prepared.free.shape
    if project_count == 0 or expert_count == 0:
        result = _empty_result(prepared, explanations, started)
        report("done", 0, 1.0, "nothing to assign")
        return result
    _check_cancel(should_cancel)
    scale = choose_cost_scale(prepared.affinity, project_count + expert_count + 1)
    cost_matrix = integer_costs(prepared.affinity, scale)
    candidates = initial_candidates(prepared)
    report(
        "prepare",
        0,
        0.05,
        f"{int(candidates.sum()):,} candidate pairs of {int(prepared.free.sum()):,}",
    )
    distances: npt.NDArray[np.int64] | None = None
    round_number = 0
    proven = False
    while True:
        _check_cancel(should_cancel)
        round_number += 1
        solution = solve_network(prepared, cost_matrix, candidates, scale)
        report(
            "solve",
            round_number,
            0.1 + 0.85 * (1 - 0.6 ** (round_number - 0.5)),
            f"round {round_number}: solved {solution.pair_count:,} pairs",
        )
        _check_cancel(should_cancel)
        distances = node_distances(solution, distances)
        reduced = reduced_costs(cost_matrix, distances, project_count)
        violating = prepared.free & ~candidates & (reduced < 0)
        violations = int(violating.sum())
        # The potentials are optimal for the candidate graph, so only the violating pairs
        # (no flow, negative reduced cost) add to the gap.
        gap = -float(reduced[violating].sum())
        report(
            "price",
            round_number,
            0.1 + 0.85 * (1 - 0.6**round_number),
            f"round {round_number}: {violations:,} pairs could still improve it",
            objective=-(solution.cost - scale.penalty * solution.slack()) / scale.factor,
            gap=gap / scale.factor,
        )
        if violations == 0:
            proven = True
            break
        if time_limit is not None and time.monotonic() - started >= time_limit:
            break
        per_row = 2 * prepared.reviews_per_project
        candidates |= _most_violating(reduced, violating, max(per_row, 1))
        candidates |= _most_violating(reduced.T, violating.T, max(per_row, 1)).T
    result = _assemble(
        prepared,
        solution,
        distances,
        reduced,
        scale,
        explanations,
        known,
        proven,
        AssignmentStatistics(
            round_number,
            int(candidates.sum()),
            int(prepared.free.sum()),
            time.monotonic() - started,
        ),
    )
    report(
        "done",
        round_number,
        1.0,
        f"{result.status}: objective {result.objective:.6f}",
        objective=result.objective,
        gap=result.gap,
    )
    return result


def _assemble(
    prepared: PreparedInstance,
    solution: FlowSolution,
    distances: npt.NDArray[np.int64],
    reduced: IntMatrix,
    scale: CostScale,
    explanations: list[str],
    known: CapacityReport,
    proven: bool,
    statistics: AssignmentStatistics,
) -> AssignmentResult:
    """Turn the last flow into the result: pairs, shortfalls, status, bound, reasons."""
    chosen = _chosen_matrix(solution)
    assigned = chosen | prepared.locked
    rows, columns = np.nonzero(assigned)
    # fsum: the objective is exactly the sum of the assigned affinities, in any order.
    objective = math.fsum(prepared.affinity[rows, columns].tolist())
    unfilled_counts = solution.unfilled()
    loads = assigned.sum(axis=0)
    below_minimum = prepared.min_load - loads
    unfilled = [
        (prepared.projects[row], int(unfilled_counts[row]))
        for row in np.flatnonzero(unfilled_counts > 0).tolist()
    ]
    underloaded = [
        (prepared.experts[column], int(below_minimum[column]))
        for column in np.flatnonzero(below_minimum > 0).tolist()
    ]
    explanations = list(explanations)
    status: AssignmentStatus
    if not proven:
        status = "feasible"
        explanations.append(
            Explanation(
                f"time limit reached after {statistics.rounds} rounds: the assignment keeps "
                "every constraint it reports but is not proven optimal"
                + (" and more reviews may be possible" if unfilled or underloaded else ""),
                "time_limit_short" if unfilled or underloaded else "time_limit",
                rounds=statistics.rounds,
            )
        )
    else:
        if unfilled or underloaded:
            explanations += shortfall_explanations(
                prepared, chosen, unfilled_counts, solution.missing_minimum(), known
            )
        status = "infeasible" if unfilled or underloaded or prepared.dropped_locks else "optimal"
    upper_bound = _float_upper_bound(
        prepared, solution, chosen, distances, reduced, scale, objective
    )
    return AssignmentResult(
        status=status,
        objective=objective,
        assignments=[
            (prepared.projects[row], prepared.experts[column])
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True)
        ],
        unfilled=unfilled,
        underloaded=underloaded,
        explanations=explanations,
        upper_bound=upper_bound,
        statistics=statistics,
    )
