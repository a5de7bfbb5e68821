"""Turn an instance into arrays, settle the locked pairs, and find obvious shortfalls.

Locked pairs are assigned before any optimisation; what remains for the solver is how
many reviews each project still needs (``remaining_reviews``) and how many each expert
can still take (``remaining_max``) or must still take (``remaining_min``). A locked pair
that cannot be kept (a conflict of interest, more locks than K on a project, more locks
than an expert's maximum load) is dropped and explained, because conflicts, K and
maximum loads are never broken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from techbridge.core.assignment.model import (
    AssignmentInstance,
    Explanation,
    Load,
    counted,
    format_count,
)

BoolMatrix = npt.NDArray[np.bool_]
IntVector = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PreparedInstance:
    """The instance as arrays, after locked pairs were settled.

    ``free`` marks the pairs the solver may still choose: no conflict of interest and
    not locked. ``locked`` marks the locked pairs that are kept.
    """

    projects: Sequence[str]
    experts: Sequence[str]
    affinity: npt.NDArray[np.float64]
    free: BoolMatrix
    locked: BoolMatrix
    remaining_reviews: IntVector
    remaining_max: IntVector
    remaining_min: IntVector
    reviews_per_project: int
    min_load: IntVector
    max_load: IntVector
    explanations: list[str]
    dropped_locks: int


def load_vector(load: Load, experts: Sequence[str], *, absent: int) -> IntVector:
    """Per-expert loads from one number or a mapping; experts absent from it get ``absent``."""
    if isinstance(load, Mapping):
        return np.array([load.get(expert, absent) for expert in experts], dtype=np.int64)
    return np.full(len(experts), load, dtype=np.int64)


def _pairs_matrix(
    pairs: Sequence[tuple[str, str]],
    project_index: Mapping[str, int],
    expert_index: Mapping[str, int],
    shape: tuple[int, int],
) -> BoolMatrix:
    matrix = np.zeros(shape, dtype=bool)
    if pairs:
        rows = [project_index[project] for project, _ in pairs]
        columns = [expert_index[expert] for _, expert in pairs]
        matrix[rows, columns] = True
    return matrix


def _keep_best(
    candidates: npt.NDArray[np.intp], scores: npt.NDArray[np.float64], keep: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Split ``candidates`` into the ``keep`` with the highest score and the rest.

    Ties go to the earlier index, so the choice is deterministic.
    """
    order = np.lexsort((candidates, -scores))
    return candidates[order[:keep]], candidates[order[keep:]]


def _settle_locks(
    instance: AssignmentInstance,
    affinity: npt.NDArray[np.float64],
    conflict: BoolMatrix,
    locked: BoolMatrix,
    max_load: IntVector,
) -> tuple[BoolMatrix, list[str]]:
    """Drop the locked pairs that would break a hard constraint, explaining each drop."""
    projects, experts = instance.projects, instance.experts
    explanations: list[str] = []
    locked = locked.copy()
    for row, column in np.argwhere(locked & conflict).tolist():
        explanations.append(
            Explanation(
                f"locked pair ({projects[row]}, {experts[column]}) conflicts: "
                "a conflict of interest is never assigned, so it was dropped",
                "locked_conflict",
                project=projects[row],
                expert=experts[column],
            )
        )
    locked &= ~conflict
    k = instance.reviews_per_project
    for row in np.flatnonzero(locked.sum(axis=1) > k).tolist():
        columns = np.flatnonzero(locked[row])
        kept, dropped = _keep_best(columns, affinity[row, columns], k)
        locked[row, dropped] = False
        kept_names = [experts[column] for column in sorted(kept)]
        dropped_names = [experts[column] for column in sorted(dropped)]
        explanations.append(
            Explanation(
                f"locked pairs exceed {projects[row]}'s {k} reviews ({len(columns)} locked): "
                f"kept {', '.join(kept_names)}; dropped {', '.join(dropped_names)}",
                "locked_over_reviews",
                project=projects[row],
                count=len(columns),
                needed=k,
                kept=kept_names,
                dropped=dropped_names,
            )
        )
    for column in np.flatnonzero(locked.sum(axis=0) > max_load).tolist():
        rows = np.flatnonzero(locked[:, column])
        kept, dropped = _keep_best(rows, affinity[rows, column], int(max_load[column]))
        locked[dropped, column] = False
        dropped_projects = [projects[row] for row in sorted(dropped)]
        explanations.append(
            Explanation(
                f"locked pairs exceed {experts[column]}'s max load "
                f"({len(rows)} locked > {max_load[column]}): dropped "
                + ", ".join(f"({project}, {experts[column]})" for project in dropped_projects),
                "locked_over_load",
                expert=experts[column],
                count=len(rows),
                maximum=int(max_load[column]),
                dropped=dropped_projects,
            )
        )
    return locked, explanations


def prepare_instance(instance: AssignmentInstance) -> PreparedInstance:
    """Arrays for the solver; the instance must have passed ``instance_problems``."""
    projects, experts = list(instance.projects), list(instance.experts)
    shape = (len(projects), len(experts))
    project_index = {project: row for row, project in enumerate(projects)}
    expert_index = {expert: column for column, expert in enumerate(experts)}
    affinity = np.asarray(instance.affinity, dtype=np.float64).reshape(shape)
    conflict = _pairs_matrix(instance.conflicts, project_index, expert_index, shape)
    requested_locks = _pairs_matrix(instance.locked, project_index, expert_index, shape)
    # An expert absent from a max_load mapping has no bound; no expert can review more
    # projects than there are, so the solver works with that as the bound.
    unbounded = np.iinfo(np.int64).max
    max_load = load_vector(instance.max_load, experts, absent=unbounded)
    usable_max = np.minimum(max_load, len(projects))
    min_load = load_vector(instance.min_load, experts, absent=0)
    locked, explanations = _settle_locks(instance, affinity, conflict, requested_locks, usable_max)
    free = ~conflict & ~locked
    locked_per_project = locked.sum(axis=1).astype(np.int64)
    locked_per_expert = locked.sum(axis=0).astype(np.int64)
    # The minimum can never exceed the maximum; ``capacity_report`` explains that shortfall.
    effective_min = np.minimum(min_load, usable_max)
    return PreparedInstance(
        projects=projects,
        experts=experts,
        affinity=affinity,
        free=free,
        locked=locked,
        remaining_reviews=instance.reviews_per_project - locked_per_project,
        remaining_max=usable_max - locked_per_expert,
        remaining_min=np.maximum(effective_min - locked_per_expert, 0),
        reviews_per_project=instance.reviews_per_project,
        min_load=min_load,
        max_load=max_load,
        explanations=explanations,
        dropped_locks=int((requested_locks & ~locked).sum()),
    )


@dataclass(frozen=True)
class CapacityReport:
    """Shortfalls visible before solving: the texts, and whom they already explain."""

    explanations: list[str]
    projects_explained: set[int]
    experts_explained: set[int]
    capacity_short: bool
    minimum_short: bool


def capacity_report(prepared: PreparedInstance) -> CapacityReport:
    """Find the shortfalls visible without solving: per project, per expert, in total."""
    explanations: list[str] = []
    projects_explained: set[int] = set()
    experts_explained: set[int] = set()
    projects, experts = prepared.projects, prepared.experts
    k = prepared.reviews_per_project
    has_room = prepared.remaining_max > 0
    locked_per_project = prepared.locked.sum(axis=1)
    for row in np.flatnonzero(prepared.remaining_reviews > 0).tolist():
        candidates = prepared.free[row]
        # Locked experts of the project count: they have no conflict and do review it.
        without_conflict = int(candidates.sum()) + int(locked_per_project[row])
        available = int((candidates & has_room).sum()) + int(locked_per_project[row])
        if available >= k:
            continue
        projects_explained.add(int(row))
        if available == without_conflict:
            explanations.append(
                Explanation(
                    f"{projects[row]}: only {counted(without_conflict, 'expert')} without a "
                    f"conflict of interest (needs {k})",
                    "few_without_conflict",
                    project=projects[row],
                    count=without_conflict,
                    needed=k,
                )
            )
        else:
            explanations.append(
                Explanation(
                    f"{projects[row]}: only {available} with room left among its "
                    f"{counted(without_conflict, 'expert')} without a conflict of interest "
                    f"(needs {k})",
                    "few_with_room",
                    project=projects[row],
                    count=available,
                    total=without_conflict,
                    needed=k,
                )
            )
    total_needed = int(prepared.remaining_reviews.sum())
    total_capacity = int(np.minimum(prepared.remaining_max, prepared.free.sum(axis=0)).sum())
    capacity_short = total_capacity < total_needed
    if capacity_short:
        explanations.append(
            Explanation(
                f"total expert capacity {format_count(total_capacity)} < required "
                f"{format_count(total_needed)} reviews",
                "capacity_short",
                capacity=total_capacity,
                needed=total_needed,
            )
        )
    for column in np.flatnonzero(prepared.min_load > prepared.max_load).tolist():
        experts_explained.add(int(column))
        explanations.append(
            Explanation(
                f"{experts[column]}: minimum load {prepared.min_load[column]} exceeds maximum "
                f"load {prepared.max_load[column]}",
                "minimum_over_maximum",
                expert=experts[column],
                minimum=int(prepared.min_load[column]),
                maximum=int(prepared.max_load[column]),
            )
        )
    # Projects an expert could ever review: the free ones and those locked to it.
    reachable = prepared.free.sum(axis=0) + prepared.locked.sum(axis=0)
    wanted = np.minimum(prepared.min_load, prepared.max_load)
    for column in np.flatnonzero(wanted > reachable).tolist():
        experts_explained.add(int(column))
        explanations.append(
            Explanation(
                f"{experts[column]}: only {counted(int(reachable[column]), 'project')} "
                f"without a conflict of interest (min load {prepared.min_load[column]})",
                "few_projects",
                expert=experts[column],
                count=int(reachable[column]),
                minimum=int(prepared.min_load[column]),
            )
        )
    total_minimum = int(prepared.remaining_min.sum())
    minimum_short = total_minimum > total_needed
    if minimum_short:
        explanations.append(
            Explanation(
                f"total minimum load {format_count(total_minimum)} > "
                f"{format_count(total_needed)} reviews to give",
                "minimum_short",
                minimum=total_minimum,
                needed=total_needed,
            )
        )
    return CapacityReport(
        explanations, projects_explained, experts_explained, capacity_short, minimum_short
    )
