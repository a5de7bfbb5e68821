"""An independent reference for the assignment tests: the LP, solved by scipy's HiGHS.

The reference knows nothing of the solver's flow network. It maximises in two stages,
as the solver's contract says: first the reviews given plus the minimum-load reviews
met (each as large as possible), then total affinity with those two totals fixed. The
constraint matrices are network matrices, so the LP optima are the integer optima.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from techbridge.core.assignment import AssignmentInstance


def _index(instance: AssignmentInstance) -> tuple[dict[str, int], dict[str, int]]:
    return (
        {project: row for row, project in enumerate(instance.projects)},
        {expert: column for column, expert in enumerate(instance.experts)},
    )


def _loads(load: int | dict[str, int], experts: list[str], absent: int) -> np.ndarray:
    if isinstance(load, dict):
        return np.array([load.get(expert, absent) for expert in experts], dtype=float)
    return np.full(len(experts), float(load))


def lexicographic_lp_optimum(instance: AssignmentInstance) -> tuple[float, float, float]:
    """``(reviews given, minimum-load reviews met, best total affinity)`` by LP.

    Locked pairs are assumed valid (no conflict, within K and maximum loads): they are
    fixed to 1. Variables: x[p, e] in [0, 1] for free pairs, and met[e] in
    [0, min_load[e]] with met[e] <= load[e].
    """
    project_index, expert_index = _index(instance)
    projects, experts = list(instance.projects), list(instance.experts)
    count_p, count_e = len(projects), len(experts)
    affinity = np.asarray(instance.affinity, dtype=float)
    blocked = np.zeros((count_p, count_e), dtype=bool)
    locked = np.zeros((count_p, count_e), dtype=bool)
    for project, expert in instance.conflicts:
        blocked[project_index[project], expert_index[expert]] = True
    for project, expert in instance.locked:
        locked[project_index[project], expert_index[expert]] = True
    max_load = np.minimum(_loads(instance.max_load, experts, count_p), count_p)
    min_load = np.minimum(_loads(instance.min_load, experts, 0), max_load)
    rows, columns = np.nonzero(~blocked & ~locked)
    pair_count = len(rows)
    variable_count = pair_count + count_e
    pair_range = np.arange(pair_count)
    locked_per_project = locked.sum(axis=1)
    locked_per_expert = locked.sum(axis=0)
    # Per project: free reviews <= K - locked.
    per_project = sparse.csr_matrix(
        (np.ones(pair_count), (rows, pair_range)), shape=(count_p, variable_count)
    )
    # Per expert: free reviews <= max - locked, and met - free reviews <= locked.
    per_expert = sparse.csr_matrix(
        (np.ones(pair_count), (columns, pair_range)), shape=(count_e, variable_count)
    )
    met = sparse.csr_matrix(
        (np.ones(count_e), (np.arange(count_e), pair_count + np.arange(count_e))),
        shape=(count_e, variable_count),
    )
    upper = sparse.vstack([per_project, per_expert, met - per_expert]).tocsr()
    upper_bounds = np.concatenate(
        [
            instance.reviews_per_project - locked_per_project,
            max_load - locked_per_expert,
            locked_per_expert,
        ]
    )
    bounds = [(0, 1)] * pair_count + [(0, float(value)) for value in min_load]

    def maximise(objective: np.ndarray, extra_rows=None, extra_values=None) -> float:
        equality = {}
        if extra_rows is not None:
            equality = {"A_eq": extra_rows, "b_eq": extra_values}
        result = linprog(
            -objective, A_ub=upper, b_ub=upper_bounds, bounds=bounds, method="highs", **equality
        )
        assert result.status == 0, result.message
        return float(-result.fun)

    coverage_vector = np.concatenate([np.ones(pair_count), np.zeros(count_e)])
    met_vector = np.concatenate([np.zeros(pair_count), np.ones(count_e)])
    coverage = round(maximise(coverage_vector))
    minimum_met = round(maximise(met_vector))
    fixed = sparse.csr_matrix(np.vstack([coverage_vector, met_vector]))
    affinity_vector = np.concatenate([affinity[rows, columns], np.zeros(count_e)])
    best = maximise(affinity_vector, fixed, np.array([coverage, minimum_met], dtype=float))
    locked_affinity = float(affinity[locked].sum())
    return (
        coverage + int(locked.sum()),
        minimum_met,
        best + locked_affinity,
    )
