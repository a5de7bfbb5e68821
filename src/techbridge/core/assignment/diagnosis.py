"""Why projects stay short of reviewers or experts below their minimum, in words.

Simple causes (a project with too few experts free of conflict, too little capacity in
total) are found before solving by ``preparation.capacity_report``. What remains
is a bottleneck shared by a group of projects; it is read off the optimal flow: from
each short project, follow every free pair not yet used to an expert, and from an
expert every chosen pair back to its project. An optimal flow has no augmenting path, so
every expert reached is at its maximum load: the group of projects reached can only be
reviewed by experts who are all full (max-flow min-cut, Hall's condition).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from techbridge.core.assignment.model import Explanation, counted, format_count
from techbridge.core.assignment.preparation import (
    BoolMatrix,
    CapacityReport,
    IntVector,
    PreparedInstance,
)

LISTED_NAMES = 5
Indices = npt.NDArray[np.intp]
BoolVector = npt.NDArray[np.bool_]


def _names(ids: Sequence[str], indices: Indices) -> str:
    """The first few ids, then how many more."""
    shown = [ids[index] for index in indices[:LISTED_NAMES].tolist()]
    rest = len(indices) - len(shown)
    return ", ".join(shown) + (f" and {format_count(rest)} more" if rest > 0 else "")


def bottleneck_group(
    prepared: PreparedInstance, chosen: BoolMatrix, short_projects: Indices
) -> tuple[Indices, Indices]:
    """Projects reachable from ``short_projects`` by alternating paths, and their experts.

    ``chosen`` holds the free pairs of an optimal assignment (not the locked ones,
    which can never move).
    """
    open_pairs = prepared.free & ~chosen
    in_group: BoolVector = np.zeros(prepared.free.shape[0], dtype=bool)
    in_group[short_projects] = True
    experts_reached: BoolVector = np.zeros(prepared.free.shape[1], dtype=bool)
    while True:
        experts_now: BoolVector = np.asarray(open_pairs[in_group].any(axis=0), dtype=bool)
        projects_now: BoolVector = in_group | chosen[:, experts_now].any(axis=1)
        if np.array_equal(experts_now, experts_reached) and np.array_equal(projects_now, in_group):
            return np.flatnonzero(in_group), np.flatnonzero(experts_reached)
        experts_reached, in_group = experts_now, projects_now


def shortfall_explanations(
    prepared: PreparedInstance,
    chosen: BoolMatrix,
    unfilled: IntVector,
    missing_minimum: IntVector,
    known: CapacityReport,
) -> list[str]:
    """Explanations of the shortfalls of an optimal flow that ``known`` does not cover.

    ``known`` holds the capacity explanations found before solving; a project or expert
    already explained there is not explained twice.
    """
    explanations: list[str] = []
    projects, experts = prepared.projects, prepared.experts
    short = [
        row for row in np.flatnonzero(unfilled > 0).tolist() if row not in known.projects_explained
    ]
    if short and not known.capacity_short:
        group, group_experts = bottleneck_group(prepared, chosen, np.array(short))
        missing = int(unfilled[group].sum())
        if len(group_experts) == 0:
            who = "no expert without a conflict of interest is left for them"
        else:
            who = (
                "every expert without a conflict of interest who is not yet reviewing them "
                f"({counted(len(group_experts), 'expert')}: {_names(experts, group_experts)}) "
                "is at maximum load"
            )
        verb = "is" if missing == 1 else "are"
        explanations.append(
            Explanation(
                f"{_names(projects, group)}: {counted(len(group), 'project')} compete for "
                f"the same experts and {counted(missing, 'review')} {verb} missing: {who}",
                "bottleneck_full" if len(group_experts) else "bottleneck_no_expert",
                projects=[projects[row] for row in group.tolist()],
                missing=missing,
                experts=[experts[column] for column in group_experts.tolist()],
            )
        )
    if known.minimum_short:
        return explanations
    for column in np.flatnonzero(missing_minimum > 0).tolist():
        if column in known.experts_explained:
            continue
        load = int(chosen[:, column].sum() + prepared.locked[:, column].sum())
        explanations.append(
            Explanation(
                f"{experts[column]}: {load} reviews, below its minimum load "
                f"{prepared.min_load[column]}: the projects it may review cannot give it more "
                "without leaving a project short or another expert below its minimum",
                "below_minimum",
                expert=experts[column],
                load=load,
                minimum=int(prepared.min_load[column]),
            )
        )
    return explanations
