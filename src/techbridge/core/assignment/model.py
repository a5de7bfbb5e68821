"""Plain data of reviewer assignment: the instance, the result, progress reports.

The solver (``techbridge.core.assignment.solver``) reads an :class:`AssignmentInstance`
and returns an :class:`AssignmentResult`; nothing here knows about files or databases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

AssignmentStatus = Literal["optimal", "feasible", "infeasible"]
ProgressPhase = Literal["prepare", "solve", "price", "done"]
Load = int | Mapping[str, int]


class AssignmentCancelled(Exception):
    """Raised by ``solve_assignment`` when ``should_cancel()`` returned true."""


class Explanation(str):
    """One explanation: its English text (what the batch command prints), carrying a
    ``code`` and ``details`` (project and expert ids, counts) from which the web
    application says it in the reader's language."""

    code: str
    details: dict[str, Any]

    def __new__(cls, text: str, code: str, **details: Any) -> Explanation:
        explanation = super().__new__(cls, text)
        explanation.code = code
        explanation.details = details
        return explanation


@dataclass(frozen=True)
class AssignmentInstance:
    """One reviewer-assignment problem.

    ``affinity[i, j]`` is how well expert ``experts[j]`` fits project ``projects[i]``
    (higher is better, any finite number). ``max_load`` and ``min_load`` are one
    number for every expert or a mapping ``expert id -> load``; an expert missing from
    a ``max_load`` mapping has no upper bound, one missing from a ``min_load`` mapping
    has no lower bound. ``conflicts`` are pairs never to assign; ``locked`` pairs are
    always assigned (organiser decisions and pairs already reviewed in an earlier run).
    """

    projects: Sequence[str]
    experts: Sequence[str]
    affinity: npt.NDArray[np.float64]
    reviews_per_project: int
    max_load: Load
    min_load: Load = 0
    conflicts: Sequence[tuple[str, str]] = ()
    locked: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class AssignmentProgress:
    """What the solver is doing, for a progress bar.

    ``fraction`` is an estimate in [0, 1] that never decreases during one run;
    ``gap`` is the proven distance to the optimum in affinity units (``None`` before the
    first bound is known; it is meaningful only once every coverable project is covered).
    """

    phase: ProgressPhase
    round: int
    fraction: float
    message: str
    objective: float | None = None
    gap: float | None = None


@dataclass(frozen=True)
class AssignmentStatistics:
    """How the run went: rounds of pricing, size of the graph solved, time."""

    rounds: int
    candidate_pairs: int
    allowed_pairs: int
    seconds: float


@dataclass(frozen=True)
class AssignmentResult:
    """The assignment and its proof.

    ``status``: ``"optimal"`` when every constraint holds and the objective equals the
    LP optimum; ``"infeasible"`` when the constraints cannot all hold, and then the
    assignment is the proven best partial one (most reviews given and most expert
    minimum loads met, then most affinity); ``"feasible"`` when the time limit stopped
    the search before the proof (the assignment then still never breaks a conflict, a
    maximum load, K or a lock, and ``unfilled`` lists what is missing).

    ``upper_bound`` is an LP-duality bound: no assignment reaching the same coverage
    has more total affinity. ``explanations`` say which projects or experts fall short
    and why, and which locked pairs had to be dropped.
    """

    status: AssignmentStatus
    objective: float
    assignments: list[tuple[str, str]]
    unfilled: list[tuple[str, int]]
    underloaded: list[tuple[str, int]]
    explanations: list[str]
    upper_bound: float
    statistics: AssignmentStatistics = field(
        default_factory=lambda: AssignmentStatistics(0, 0, 0, 0.0)
    )

    @property
    def gap(self) -> float:
        """Upper bound minus objective (zero up to float rounding when optimal)."""
        return self.upper_bound - self.objective


def _load_problems(name: str, load: object, expert_ids: set[str]) -> list[str]:
    if isinstance(load, Mapping):
        problems = []
        for expert, value in load.items():
            if expert not in expert_ids:
                problems.append(f"{name}: unknown expert {expert!r}")
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"{name}[{expert!r}]: expected a non-negative integer")
        return problems
    if isinstance(load, bool) or not isinstance(load, int) or load < 0:
        return [f"{name}: expected a non-negative integer or a mapping expert -> integer"]
    return []


def _pair_problems(
    name: str, pairs: Sequence[tuple[str, str]], projects: set[str], experts: set[str]
) -> list[str]:
    problems = []
    for index, (project, expert) in enumerate(pairs):
        if project not in projects:
            problems.append(f"{name}[{index}]: unknown project {project!r}")
        if expert not in experts:
            problems.append(f"{name}[{index}]: unknown expert {expert!r}")
    return problems


def instance_problems(instance: AssignmentInstance) -> list[str]:
    """Every structural defect of ``instance`` (empty when it can be solved).

    Checks duplicate ids, the affinity shape and finiteness, K and loads being
    non-negative integers, and that conflicts, locked pairs and load mappings name
    known projects and experts. Infeasibility is not a defect: the solver explains it.
    """
    problems: list[str] = []
    project_ids, expert_ids = set(instance.projects), set(instance.experts)
    if len(project_ids) != len(instance.projects):
        problems.append("projects: duplicate ids")
    if len(expert_ids) != len(instance.experts):
        problems.append("experts: duplicate ids")
    affinity = np.asarray(instance.affinity)
    expected_shape = (len(instance.projects), len(instance.experts))
    if affinity.shape != expected_shape:
        problems.append(f"affinity: shape {affinity.shape}, expected {expected_shape}")
    elif not np.issubdtype(affinity.dtype, np.number) or np.issubdtype(
        affinity.dtype, np.complexfloating
    ):
        problems.append(f"affinity: expected real numbers, got dtype {affinity.dtype}")
    elif not np.all(np.isfinite(affinity)):
        rows, columns = np.nonzero(~np.isfinite(affinity))
        problems.append(
            f"affinity: {len(rows)} values are not finite, first at [{rows[0]}][{columns[0]}]"
        )
    k = instance.reviews_per_project
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        problems.append("reviews_per_project: expected a non-negative integer")
    problems += _load_problems("max_load", instance.max_load, expert_ids)
    problems += _load_problems("min_load", instance.min_load, expert_ids)
    problems += _pair_problems("conflicts", instance.conflicts, project_ids, expert_ids)
    problems += _pair_problems("locked", instance.locked, project_ids, expert_ids)
    return problems


def format_count(value: int) -> str:
    """An integer with thousands separators, as explanations print it (``1,500``)."""
    return f"{value:,}"


def counted(value: int, noun: str) -> str:
    """``1 expert``, ``2 experts``, ``1,500 experts``: a count with its noun."""
    return f"{format_count(value)} {noun if value == 1 else noun + 's'}"
