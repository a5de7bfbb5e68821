"""Optimal assignment of expert reviewers to projects (see docs/assignment.md).

``solve_assignment(instance)`` gives every project K reviewers, keeps every expert's
load within its bounds, never assigns a conflict of interest, keeps locked pairs, and
maximises total affinity, with an LP-duality proof of optimality; when the constraints
cannot all hold it returns the best partial assignment and explains the shortfalls.
"""

from techbridge.core.assignment.model import (
    AssignmentCancelled,
    AssignmentInstance,
    AssignmentProgress,
    AssignmentResult,
    AssignmentStatistics,
    AssignmentStatus,
    Explanation,
    instance_problems,
)
from techbridge.core.assignment.solver import solve_assignment

__all__ = [
    "AssignmentCancelled",
    "AssignmentInstance",
    "AssignmentProgress",
    "AssignmentResult",
    "AssignmentStatistics",
    "AssignmentStatus",
    "Explanation",
    "instance_problems",
    "solve_assignment",
]
