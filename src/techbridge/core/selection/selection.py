"""Choose the best N projects under field quotas, optimally, with a reserve list.

The selection maximises the total calibrated score of N projects subject to "at most
M projects per field", where a project may carry several fields. With one field per
project, taking projects in score order while their field has room is optimal; with
several it is not (a project can use up two quotas), so the choice is an integer
program, solved exactly with OR-Tools CP-SAT (scores are scaled to integers).

* If no N projects fit the quotas, the largest number that fits is selected.
* Ties are broken deterministically: a project's rank orders projects by score, then
  by input order (the caller passes submission order). Among sets with the same total
  score, the set with the better ranks (smaller sum of ranks) wins, and the solver runs
  single-threaded with a fixed seed, so the same input always gives the same answer.
* The reserve is a second draw of R projects among the rest, chosen the same way under
  the same quotas (counted within the reserve), so it is as varied as the selection; if
  fewer than R fit, the best remaining projects complete it, marked over quota. It is
  ordered by rank: reserve #1 is offered first when a selected project drops out.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ortools.sat.python import cp_model

DecisionStatus = Literal["selected", "reserve", "rejected"]
# Scores are placed on an integer grid of this many steps per point before solving.
SCORE_STEPS_PER_POINT = 1_000_000
INT64_SAFE = 2**62


@dataclass(frozen=True)
class Candidate:
    """A project competing for selection: its calibrated score and its fields."""

    project: str
    score: float
    fields: tuple[str, ...] = ()


ReasonCode = Literal[
    "selected",
    "selected_over_full_fields",
    "reserve",
    "reserve_over_quota",
    "quota_full",
    "below_cutoff",
    "nothing_to_select",
    "nothing_fits",
]


@dataclass(frozen=True)
class Decision:
    """What happened to a project and why; ``rank`` is 1 for the best score.

    ``reason`` is an English sentence (batch output, logs); ``reason_code`` and
    ``reason_details`` say the same as data, so pages can say it in the reader's language:
    ``rank`` and ``place`` (reserve position), ``blocked`` (fields whose quota is full, with
    their maximum), ``score`` and ``cutoff``."""

    project: str
    score: float
    rank: int
    status: DecisionStatus
    reason: str
    reason_code: ReasonCode = "selected"
    reason_details: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class SelectionResult:
    """Selected (best first), reserve (in offer order), rejected (by rank), and notes."""

    selected: list[Decision]
    reserve: list[Decision]
    rejected: list[Decision]
    notes: list[str]


def _choose(
    candidates: Sequence[Candidate],
    pool: list[int],
    ranks: list[int],
    count: int,
    quotas: Mapping[str, int],
    time_limit: float,
) -> list[int]:
    """Indices (from ``pool``) of the best set of at most ``count`` under ``quotas``:
    as many projects as fit, then the highest total score, then the best ranks."""
    if count <= 0 or not pool:
        return []
    fields = sorted(
        {field for index in pool for field in candidates[index].fields if field in quotas}
    )
    if not fields:
        return sorted(pool, key=lambda index: ranks[index])[:count]
    size = len(pool)
    lowest = min(candidates[index].score for index in pool)
    steps = [round((candidates[index].score - lowest) * SCORE_STEPS_PER_POINT) for index in pool]
    # Weight = score steps * tie_room + (size - rank position): rank sums never
    # outweigh one score step.
    tie_room = size * (size + 1) // 2 + 1
    if max(steps, default=0) * tie_room * min(count, size) >= INT64_SAFE:
        raise ValueError("too many projects or too wide a score range to select exactly")
    position = {
        index: order for order, index in enumerate(sorted(pool, key=lambda index: ranks[index]))
    }
    best = _solve(candidates, pool, fields, quotas, count, None, time_limit)
    chosen_count = len(best)
    weights = [steps[slot] * tie_room + (size - position[index]) for slot, index in enumerate(pool)]
    return _solve(candidates, pool, fields, quotas, chosen_count, weights, time_limit)


def _solve(
    candidates: Sequence[Candidate],
    pool: list[int],
    fields: list[str],
    quotas: Mapping[str, int],
    count: int,
    weights: list[int] | None,
    time_limit: float,
) -> list[int]:
    """CP-SAT: without weights, the most projects up to ``count``; with weights, exactly
    ``count`` projects of maximum total weight."""
    model = cp_model.CpModel()
    take = [model.new_bool_var(f"take_{index}") for index in pool]
    for field in fields:
        members = [
            take[slot] for slot, index in enumerate(pool) if field in candidates[index].fields
        ]
        model.add(sum(members) <= quotas[field])
    if weights is None:
        model.add(sum(take) <= count)
        model.maximize(sum(take))
    else:
        model.add(sum(take) == count)
        model.maximize(
            sum(weight * variable for weight, variable in zip(weights, take, strict=True))
        )
    solver = cp_model.CpSolver()
    # One worker and a fixed seed: the same input always yields the same selection.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        raise RuntimeError(
            f"selection not proven optimal within {time_limit} s "
            f"(CP-SAT status {solver.status_name(status)})"
        )
    return [index for slot, index in enumerate(pool) if solver.value(take[slot])]


def _full_fields(
    candidates: Sequence[Candidate], chosen: list[int], quotas: Mapping[str, int]
) -> set[str]:
    used: dict[str, int] = {}
    for index in chosen:
        for field in candidates[index].fields:
            used[field] = used.get(field, 0) + 1
    return {field for field, limit in quotas.items() if used.get(field, 0) >= limit}


def select_projects(
    candidates: Sequence[Candidate],
    count: int,
    *,
    quotas: Mapping[str, int] | None = None,
    reserve_count: int = 0,
    time_limit: float = 30.0,
) -> SelectionResult:
    """Select ``count`` projects optimally under ``quotas`` ({field: at most M}), plus an
    ordered reserve of ``reserve_count``; every project gets a status and a reason.

    Raises ``ValueError`` for duplicate projects, a score that is not finite, or a
    negative count or quota.
    """
    quotas = dict(quotas or {})
    _validate(candidates, count, quotas, reserve_count)
    order = sorted(range(len(candidates)), key=lambda index: (-candidates[index].score, index))
    ranks = [0] * len(candidates)
    for position, index in enumerate(order):
        ranks[index] = position + 1
    everyone = list(range(len(candidates)))
    selected = _choose(candidates, everyone, ranks, count, quotas, time_limit)
    selected_set = set(selected)
    rest = [index for index in everyone if index not in selected_set]
    reserve = _choose(candidates, rest, ranks, reserve_count, quotas, time_limit)
    reserve_set = set(reserve)
    over_quota = [
        index for index in sorted(rest, key=lambda index: ranks[index]) if index not in reserve_set
    ][: max(reserve_count - len(reserve), 0)]
    full = _full_fields(candidates, selected, quotas)
    cutoff = min((candidates[index].score for index in selected), default=math.inf)
    notes = []
    if len(selected) < count:
        notes.append(
            f"only {len(selected)} of {count} projects could be selected: the quotas for "
            f"{', '.join(sorted(full)) or 'their fields'} are full"
        )

    def decision(
        index: int,
        status: DecisionStatus,
        reason: str,
        code: ReasonCode,
        details: Mapping[str, Any],
    ) -> Decision:
        candidate = candidates[index]
        return Decision(
            candidate.project,
            candidate.score,
            ranks[index],
            status,
            reason,
            code,
            {"rank": ranks[index], **details},
        )

    def blocked_fields(index: int) -> dict[str, int]:
        blocking = [field for field in candidates[index].fields if field in full]
        if blocking and (not selected or candidates[index].score >= cutoff):
            return {field: quotas[field] for field in blocking}
        return {}

    def quota_text(blocked: Mapping[str, int]) -> str:
        return "; ".join(
            f"quota for field {field} full (at most {maximum})"
            for field, maximum in blocked.items()
        )

    selected_decisions = []
    for index in sorted(selected, key=lambda index: ranks[index]):
        over = ranks[index] > len(selected)
        selected_decisions.append(
            decision(
                index,
                "selected",
                f"rank {ranks[index]} by score"
                + (", chosen over better-scored projects whose fields were full" if over else ""),
                "selected_over_full_fields" if over else "selected",
                {},
            )
        )
    reserve_order = sorted(reserve, key=lambda index: ranks[index]) + over_quota
    reserve_decisions = []
    for place, index in enumerate(reserve_order, start=1):
        reason = f"reserve #{place}"
        over_quota_reserve = index not in reserve_set
        if over_quota_reserve:
            reason += ": over the field quotas, listed because too few projects fit them"
        blocked = blocked_fields(index)
        reserve_decisions.append(
            decision(
                index,
                "reserve",
                reason + (f"; not selected: {quota_text(blocked)}" if blocked else ""),
                "reserve_over_quota" if over_quota_reserve else "reserve",
                {"place": place, "blocked": blocked},
            )
        )
    listed = set(selected) | set(reserve_order)
    rejected_decisions = []
    for index in order:
        if index in listed:
            continue
        blocked = blocked_fields(index)
        code: ReasonCode
        if count == 0:
            reason, code = "no projects are to be selected", "nothing_to_select"
        elif blocked:
            reason, code = quota_text(blocked), "quota_full"
        elif selected:
            reason = f"score {candidates[index].score:.2f} below the selection cut-off {cutoff:.2f}"
            code = "below_cutoff"
        else:
            reason, code = "no project fits the quotas", "nothing_fits"
        rejected_decisions.append(
            decision(
                index,
                "rejected",
                reason,
                code,
                {
                    "blocked": blocked,
                    "score": candidates[index].score,
                    "cutoff": None if math.isinf(cutoff) else cutoff,
                },
            )
        )
    return SelectionResult(selected_decisions, reserve_decisions, rejected_decisions, notes)


def _validate(
    candidates: Sequence[Candidate], count: int, quotas: Mapping[str, int], reserve_count: int
) -> None:
    projects = [candidate.project for candidate in candidates]
    if len(set(projects)) != len(projects):
        raise ValueError("selection: duplicate projects")
    for candidate in candidates:
        if not math.isfinite(candidate.score):
            raise ValueError(f"selection: score of {candidate.project} is not finite")
    if count < 0 or reserve_count < 0:
        raise ValueError("selection: counts must be non-negative")
    for field, limit in quotas.items():
        if limit < 0:
            raise ValueError(f"selection: quota for {field} is negative")
