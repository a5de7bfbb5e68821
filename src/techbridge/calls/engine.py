"""The one adapter between the calls domain and the pure core.

* reviewer assignment: ``techbridge.core.assignment.solve_assignment``;
* review totals, calibration and selection: ``techbridge.core.selection``.

Model instances become plain ids and numbers here and the core's answers come back as
plain data keyed by database ids; nothing else in the app imports the core.

``techbridge.core.selection`` is imported inside the functions that use it: it loads
OR-Tools' CP-SAT, which loads pandas (seconds), and every web process would otherwise pay
for it when the URL configuration is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from techbridge.core.assignment import (
    AssignmentCancelled,
    AssignmentInstance,
    AssignmentProgress,
    AssignmentResult,
    Explanation,
    solve_assignment,
)

if TYPE_CHECKING:
    from techbridge.core.selection import Calibration, SelectionResult

__all__ = [
    "AssignmentCancelled",
    "AssignmentOutcome",
    "AssignmentProgress",
    "CriterionScale",
    "assign",
    "calibrate_totals",
    "review_total",
    "select",
]


def _project(submission_id: int) -> str:
    return f"s{submission_id}"


def _expert(member_id: int) -> str:
    return f"m{member_id}"


def _id(label: str) -> int:
    return int(label[1:])


@dataclass(frozen=True)
class AssignmentOutcome:
    """The solver's answer in database ids."""

    status: str
    objective: float
    upper_bound: float
    pairs: list[tuple[int, int]]
    unfilled: list[tuple[int, int]]
    explanations: list[dict[str, Any]]


_LABEL = re.compile(r"\b[sm]\d+\b")


def stored_explanation(text: str, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """An explanation as stored with a run: its code and details (said in each reader's
    language by ``calls.reasons.assignment_reason``) and its English text, with the
    solver's internal labels (s12, m3) replaced by ``names``, what organisers recognise."""
    names = names or {}

    def named(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(value, value)
        if isinstance(value, list):
            return [named(item) for item in value]
        return value

    return {
        "code": getattr(text, "code", ""),
        "details": {key: named(value) for key, value in getattr(text, "details", {}).items()},
        "text": _LABEL.sub(lambda match: names.get(match.group(0), match.group(0)), text),
    }


def run_note(code: str, text: str) -> dict[str, Any]:
    """A note of the application's own about a run (not the solver's), stored alike."""
    return stored_explanation(Explanation(text, code))


def assign(
    *,
    submission_ids: Sequence[int],
    member_ids: Sequence[int],
    affinity: npt.NDArray[np.float64],
    reviews_per_project: int,
    loads: Mapping[int, tuple[int, int]],
    conflicts: Iterable[tuple[int, int]],
    locked: Iterable[tuple[int, int]],
    labels: Mapping[int, str],
    expert_labels: Mapping[int, str],
    time_limit: float | None = None,
    on_progress: Callable[[AssignmentProgress], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> AssignmentOutcome:
    """Solve the reviewer assignment of one call.

    ``loads`` maps each member id to its (minimum, maximum) load; ``labels`` and
    ``expert_labels`` name projects and experts in the explanations. Raises
    ``AssignmentCancelled`` when ``should_cancel()`` turns true.
    """
    instance = AssignmentInstance(
        projects=[_project(pk) for pk in submission_ids],
        experts=[_expert(pk) for pk in member_ids],
        affinity=np.asarray(affinity, dtype=np.float64),
        reviews_per_project=reviews_per_project,
        max_load={_expert(pk): loads[pk][1] for pk in member_ids},
        min_load={_expert(pk): loads[pk][0] for pk in member_ids},
        conflicts=[(_project(s), _expert(m)) for s, m in conflicts],
        locked=[(_project(s), _expert(m)) for s, m in locked],
    )
    result: AssignmentResult = solve_assignment(
        instance, time_limit=time_limit, on_progress=on_progress, should_cancel=should_cancel
    )
    names = {_project(pk): label for pk, label in labels.items()}
    names.update({_expert(pk): label for pk, label in expert_labels.items()})
    return AssignmentOutcome(
        status=result.status,
        objective=result.objective,
        upper_bound=result.upper_bound,
        pairs=[(_id(project), _id(expert)) for project, expert in result.assignments],
        unfilled=[(_id(project), missing) for project, missing in result.unfilled],
        explanations=[stored_explanation(text, names) for text in result.explanations],
    )


@dataclass(frozen=True)
class CriterionScale:
    """A rubric criterion as the core sees it."""

    key: str
    weight: float
    minimum: int
    maximum: int


def review_total(
    criteria: Sequence[CriterionScale], scores: Mapping[str, float | None]
) -> float | None:
    """A review's weighted total on 0–100 (``None`` when too much was abstained).
    Raises ``ValueError`` for a missing or out-of-scale score."""
    from techbridge.core.selection import Criterion, rubric_total

    core_criteria = [
        Criterion(criterion.key, criterion.weight, criterion.minimum, criterion.maximum)
        for criterion in criteria
    ]
    return rubric_total(core_criteria, scores).total


def calibrate_totals(totals: Iterable[tuple[int, int, float]]) -> Calibration:
    """Calibrate review totals ``(submission id, member id, total)`` with the
    least-squares reviewer-bias model; projects and reviewers come back as ``s<id>``
    and ``m<id>`` labels (see ``project_id`` and ``member_id``)."""
    from techbridge.core.selection import Review, calibrate

    return calibrate(
        [
            Review(_project(submission), _expert(member), total)
            for submission, member, total in totals
        ]
    )


def project_id(label: str) -> int:
    """The submission id of a label in a calibration or selection result."""
    return _id(label)


def member_id(label: str) -> int:
    """The pool member id of a reviewer label in a calibration result."""
    return _id(label)


def select(
    *,
    scores: Sequence[tuple[int, float, tuple[str, ...]]],
    count: int,
    quotas: Mapping[str, int],
    reserve_count: int,
) -> SelectionResult:
    """The best ``count`` projects under the field quotas, with a reserve and reasons.

    ``scores``: ``(submission id, calibrated score, quota fields)`` in submission order
    (ties go to the earlier submission)."""
    from techbridge.core.selection import Candidate, select_projects

    return select_projects(
        [Candidate(_project(pk), score, fields) for pk, score, fields in scores],
        count,
        quotas=quotas,
        reserve_count=reserve_count,
    )
