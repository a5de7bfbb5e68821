"""The LP relaxation of the slot-choice model, solved with HiGHS.

It serves twice: its (nearly integral) vertex solution guides the rounding that gives
the first plan, and its dual gives a proven upper bound on the weight of any plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog
from scipy.sparse import csc_matrix

from techbridge.core.scheduling.formulation import SlotFormulation


@dataclass(frozen=True)
class RelaxationSolution:
    """Column values and reduced costs of the meeting columns, and the bound.

    ``reduced_costs`` are in the maximising sense: how much a column's weight exceeds
    the dual price of the resources it uses (at most 0 for a column the LP leaves out).
    ``upper_bound`` bounds the total weight of the open requests in any plan.
    """

    values: NDArray[np.float64]
    reduced_costs: NDArray[np.float64]
    upper_bound: float


def solve_relaxation(
    formulation: SlotFormulation, weights: NDArray[np.float64], time_limit: float
) -> RelaxationSolution | None:
    """Solve the LP (interior point, then crossover to a vertex) within ``time_limit``
    seconds; ``None`` when HiGHS does not finish in time.

    ``weights`` gives the weight of each meeting column.
    """
    meeting_count = len(formulation.meeting_columns)
    column_count = formulation.column_count
    row_count = len(formulation.row_upper)
    matrix = csc_matrix(
        (
            np.asarray(formulation.entry_coefficients, dtype=np.float64),
            (
                np.asarray(formulation.entry_rows, dtype=np.int64),
                np.asarray(formulation.entry_columns, dtype=np.int64),
            ),
        ),
        shape=(row_count, column_count),
    )
    cost = np.zeros(column_count)
    cost[:meeting_count] = weights
    upper = np.ones(column_count)
    upper[meeting_count:] = formulation.flow_upper
    row_upper = np.asarray(formulation.row_upper, dtype=np.float64)

    # HiGHS through SciPy: the interior point method is several times faster than
    # simplex on these models, and its crossover returns a vertex, whose few fractional
    # values round well.
    result = linprog(
        -cost,
        A_ub=matrix,
        b_ub=row_upper,
        bounds=np.column_stack((np.zeros(column_count), upper)),
        method="highs-ipm",
        options={"time_limit": max(time_limit, 0.01)},
    )
    if result.status != 0:
        return None
    values = np.clip(np.asarray(result.x)[:meeting_count], 0.0, 1.0)
    # Dual prices of the "<=" rows, non-negative in the maximising sense.
    prices = np.maximum(-np.asarray(result.ineqlin.marginals), 0.0)
    reduced = cost - matrix.T @ prices
    return RelaxationSolution(
        values=values,
        reduced_costs=reduced[:meeting_count],
        upper_bound=lagrangian_bound(prices, row_upper, reduced, upper),
    )


def lagrangian_bound(
    prices: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    reduced_costs: NDArray[np.float64],
    column_upper: NDArray[np.float64],
) -> float:
    """Weak-duality bound ``prices · row_upper + Σ column_upper · max(0, reduced cost)``.

    For any prices ``y >= 0`` and any ``x`` with ``A x <= b`` and ``0 <= x <= u``:
    ``w·x = y·A x + (w - Aᵀy)·x <= y·b + Σ u·max(0, w - Aᵀy)``. So the bound holds
    whatever the numerical accuracy of the LP solve: inexact prices only loosen it.
    """
    return float(prices @ row_upper + column_upper @ np.maximum(reduced_costs, 0.0))
