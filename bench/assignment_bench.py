"""Benchmark of optimal reviewer assignment (issue 5): speed, optimality, greedy baseline.

    .venv/bin/python bench/assignment_bench.py [--sizes 5000x1500,2000x500] [--repeats 3]

For each size it generates an instance with the project's shared generator
(``../shared/tools/gen_assignment.py``: 3 reviews per project, topic-based affinities,
~1% random conflicts plus same-organisation conflicts, max load ceil(P*K/R)+1), then:

* runs ``solve_assignment`` ``--repeats`` times and reports the median wall time;
* checks the assignment independently (conflicts, K per project, loads);
* computes an LP upper bound on its own, without the solver's code: HiGHS (dual simplex,
  through scipy) solves the LP restricted to a column subset, its expert duals ``v``
  give the Lagrangian bound ``D(v) = sum_p (sum of the K largest a[p, e] - v[e] over
  conflict-free e) + sum_e L[e] v[e]``, valid for ANY ``v >= 0`` (relax the load
  constraints), evaluated over all 7 million pairs; columns with positive reduced cost
  are added and HiGHS re-solves until the bound meets the restricted LP optimum;
* runs a greedy baseline (pairs by decreasing affinity, taken while both sides have room).

Prints a table and writes the figures to bench/out/assignment_bench.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from techbridge.core.assignment import AssignmentInstance, AssignmentResult, solve_assignment

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GENERATOR = ROOT.parent / "shared" / "tools" / "gen_assignment.py"
OUT = ROOT / "bench" / "out"


def load_generator(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_assignment", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the instance generator {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_instance(document: dict[str, Any]) -> AssignmentInstance:
    return AssignmentInstance(
        projects=document["projects"],
        experts=document["experts"],
        affinity=np.asarray(document["affinity"], dtype=np.float64),
        reviews_per_project=document["reviews_per_project"],
        max_load=document["max_load"],
        min_load=document["min_load"],
        conflicts=[(project, expert) for project, expert in document["conflicts"]],
    )


def allowed_matrix(instance: AssignmentInstance) -> np.ndarray:
    row = {project: index for index, project in enumerate(instance.projects)}
    column = {expert: index for index, expert in enumerate(instance.experts)}
    allowed = np.ones(instance.affinity.shape, dtype=bool)
    for project, expert in instance.conflicts:
        allowed[row[project], column[expert]] = False
    return allowed


def check(instance: AssignmentInstance, result: AssignmentResult, allowed: np.ndarray) -> dict:
    """Independent feasibility check and objective of the solver's assignment."""
    row = {project: index for index, project in enumerate(instance.projects)}
    column = {expert: index for index, expert in enumerate(instance.experts)}
    chosen = np.zeros(instance.affinity.shape, dtype=np.int64)
    for project, expert in result.assignments:
        chosen[row[project], column[expert]] += 1
    return {
        "duplicates": int((chosen > 1).sum()),
        "conflicts_used": int((chosen.astype(bool) & ~allowed).sum()),
        "projects_not_k": int((chosen.sum(axis=1) != instance.reviews_per_project).sum()),
        "experts_over_max": int((chosen.sum(axis=0) > instance.max_load).sum()),
        "objective": float((instance.affinity * chosen).sum()),
    }


def lagrangian_bound(
    affinity: np.ndarray,
    allowed: np.ndarray,
    k: int,
    capacity: np.ndarray,
    expert_prices: np.ndarray,
) -> float:
    """``sum_p top-K sum of (a - v) over allowed e + L.v``: an upper bound for any v >= 0."""
    prices = np.maximum(expert_prices, 0.0)
    width = affinity.shape[1]
    adjusted = np.where(allowed, affinity - prices[None, :], -np.inf)
    top = np.partition(adjusted, width - k, axis=1)[:, width - k :]
    return float(top.sum() + capacity @ prices)


def lp_upper_bound(
    instance: AssignmentInstance, allowed: np.ndarray, tolerance: float = 1e-9
) -> dict:
    """Column generation with HiGHS; returns the best Lagrangian bound and how it went."""
    affinity = instance.affinity
    project_count, expert_count = affinity.shape
    k = instance.reviews_per_project
    capacity = np.full(expert_count, float(instance.max_load))
    masked = np.where(allowed, affinity, -np.inf)
    columns = np.zeros(affinity.shape, dtype=bool)
    columns[np.arange(project_count)[:, None], np.argsort(-masked, axis=1)[:, :20]] = True
    columns[np.argsort(-masked, axis=0)[:30, :], np.arange(expert_count)[None, :]] = True
    columns &= allowed
    # An "unfilled" column per project keeps every restricted LP feasible.
    penalty = 10.0 * float(np.abs(affinity).max() + 1.0)
    started = time.perf_counter()
    best_bound, restricted, rounds = np.inf, -np.inf, 0
    while True:
        rounds += 1
        rows, cols = np.nonzero(columns)
        count = len(rows)
        identity = sparse.identity(project_count, format="csr")
        equality = sparse.hstack(
            [
                sparse.csr_matrix(
                    (np.ones(count), (rows, np.arange(count))), shape=(project_count, count)
                ),
                identity,
            ]
        ).tocsr()
        loads = sparse.hstack(
            [
                sparse.csr_matrix(
                    (np.ones(count), (cols, np.arange(count))), shape=(expert_count, count)
                ),
                sparse.csr_matrix((expert_count, project_count)),
            ]
        ).tocsr()
        result = linprog(
            np.concatenate([-affinity[rows, cols], np.full(project_count, penalty)]),
            A_ub=loads,
            b_ub=capacity,
            A_eq=equality,
            b_eq=np.full(project_count, float(k)),
            bounds=[(0, 1)] * count + [(0, k)] * project_count,
            method="highs-ds",
        )
        if result.status != 0:
            raise RuntimeError(f"HiGHS: {result.message}")
        restricted = -result.fun
        project_prices = -result.eqlin.marginals
        expert_prices = -result.ineqlin.marginals
        best_bound = min(
            best_bound, lagrangian_bound(affinity, allowed, k, capacity, expert_prices)
        )
        reduced = affinity - project_prices[:, None] - expert_prices[None, :]
        improving = allowed & ~columns & (reduced > tolerance)
        if best_bound - restricted <= tolerance * max(abs(best_bound), 1.0):
            break
        if not improving.any():
            break
        # Add each project's six most improving columns, as column generation does.
        rows_with = np.flatnonzero(improving.any(axis=1))
        scores = np.where(improving[rows_with], -reduced[rows_with], np.inf)
        best = np.argpartition(scores, 5, axis=1)[:, :6]
        added = np.zeros(affinity.shape, dtype=bool)
        added[rows_with[:, None], best] = True
        columns |= added & improving
    return {
        "lp_bound": best_bound,
        "restricted_lp": restricted,
        "lp_rounds": rounds,
        "lp_columns": int(columns.sum()),
        "lp_seconds": time.perf_counter() - started,
    }


def greedy(instance: AssignmentInstance, allowed: np.ndarray) -> dict:
    """Take pairs by decreasing affinity while the project needs and the expert has room."""
    started = time.perf_counter()
    affinity = instance.affinity
    rows, cols = np.nonzero(allowed)
    order = np.argsort(-affinity[rows, cols], kind="stable")
    need = np.full(affinity.shape[0], instance.reviews_per_project)
    room = np.full(affinity.shape[1], instance.max_load)
    total, missing = 0.0, int(need.sum())
    for row, col in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if need[row] and room[col]:
            need[row] -= 1
            room[col] -= 1
            total += affinity[row, col]
            missing -= 1
            if missing == 0:
                break
    return {
        "greedy_objective": total,
        "greedy_unfilled_reviews": missing,
        "greedy_seconds": time.perf_counter() - started,
    }


def run_size(generator: ModuleType, projects: int, experts: int, seed: int, repeats: int) -> dict:
    document = generator.generate(projects, experts, seed, K=3)
    instance = build_instance(document)
    allowed = allowed_matrix(instance)
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = solve_assignment(instance)
        times.append(time.perf_counter() - started)
    assert result is not None
    figures = {
        "size": f"{projects}x{experts}",
        "conflict_fraction": document["meta"]["conflict_fraction"],
        "max_load": document["max_load"],
        "seconds": times,
        "median_seconds": statistics.median(times),
        "status": result.status,
        "objective": result.objective,
        "solver_upper_bound": result.upper_bound,
        "rounds": result.statistics.rounds,
        "candidate_pairs": result.statistics.candidate_pairs,
        "allowed_pairs": result.statistics.allowed_pairs,
        "check": check(instance, result, allowed),
    }
    figures |= lp_upper_bound(instance, allowed)
    figures["gap"] = figures["lp_bound"] - result.objective
    figures |= greedy(instance, allowed)
    figures["greedy_ratio"] = figures["greedy_objective"] / result.objective
    return figures


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'size':>10} {'status':>8} {'median s':>9} {'runs s':>20} {'rounds':>6} "
        f"{'objective':>14} {'LP bound':>14} {'gap':>9} {'LP s':>6} "
        f"{'greedy':>12} {'ratio':>7} {'g.unfilled':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        runs = "/".join(f"{value:.2f}" for value in row["seconds"])
        print(
            f"{row['size']:>10} {row['status']:>8} {row['median_seconds']:>9.2f} "
            f"{runs:>20} {row['rounds']:>6} {row['objective']:>14.6f} "
            f"{row['lp_bound']:>14.6f} {row['gap']:>9.1e} {row['lp_seconds']:>6.1f} "
            f"{row['greedy_objective']:>12.4f} {row['greedy_ratio']:>7.4f} "
            f"{row['greedy_unfilled_reviews']:>10}"
        )
    for row in rows:
        violations = {key: value for key, value in row["check"].items() if key != "objective"}
        print(
            f"{row['size']}: solver's own duality bound {row['solver_upper_bound']:.9f} (gap "
            f"{row['solver_upper_bound'] - row['objective']:.1e}); independent check {violations}, "
            "objective recomputed "
            f"{row['check']['objective']:.6f}; {row['candidate_pairs']:,} of "
            f"{row['allowed_pairs']:,} conflict-free pairs entered the flow graph; "
            f"LP bound after {row['lp_rounds']} HiGHS rounds on {row['lp_columns']:,} columns"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000x1500,2000x500")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    arguments = parser.parse_args()
    generator = load_generator(arguments.generator)
    rows = []
    for size in arguments.sizes.split(","):
        projects, experts = (int(part) for part in size.split("x"))
        rows.append(run_size(generator, projects, experts, arguments.seed, arguments.repeats))
    print_table(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "assignment_bench.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
