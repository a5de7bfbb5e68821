"""The min-cost flow network of reviewer assignment, its solution and its dual.

Nodes: one per project (supply = reviews it still needs), one per expert (demand = its
remaining minimum load) and one sink. Arcs, in this order:

* project -> expert for each candidate pair, capacity 1, cost ``-affinity`` scaled to
  integers (OR-Tools' ``SimpleMinCostFlow`` needs integer costs);
* expert -> sink, capacity ``remaining_max - remaining_min``, cost 0;
* project -> sink, capacity ``remaining_reviews``, cost ``penalty``: a review left
  unfilled;
* sink -> expert, capacity ``remaining_min``, cost ``penalty``: a minimum-load review
  that no project gives.

With these two kinds of slack arc the network always has a flow, whatever the
instance. The penalty is larger than any change of affinity along a simple cycle, so an
optimal flow first uses as little slack as possible (coverage and minimum loads can be
maximised together, see docs/assignment.md) and then maximises affinity.

Node potentials are shortest-path distances in the residual graph (Bellman-Ford,
vectorised with numpy); they price the pairs left out of the candidate graph and give a
Lagrangian lower bound on the cost of every flow of the full graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from techbridge.core.assignment.preparation import BoolMatrix, IntVector, PreparedInstance

IntMatrix = npt.NDArray[np.int64]
# The largest |integer cost| given to an affinity; finer means closer to the float optimum.
COST_RESOLUTION = 2**40
# OR-Tools multiplies costs by about the number of nodes while it scales them; keep every
# cost times that factor, and the penalty sums, well inside int64.
INT64_HEADROOM = 2**60
# The factor used when resolution / largest affinity overflows a float.
LARGEST_FACTOR = 1e300


@dataclass(frozen=True)
class CostScale:
    """How float affinities become integer costs: ``cost = -round(affinity * factor)``."""

    factor: float
    penalty: int


def choose_cost_scale(affinity: npt.NDArray[np.float64], node_count: int) -> CostScale:
    """The finest integer scale whose penalty still fits OR-Tools' int64 arithmetic.

    The penalty exceeds ``node_count`` times the largest cost, which bounds the cost of
    any simple cycle of real arcs, so saving one unit of slack always pays.
    """
    largest = float(np.abs(affinity).max()) if affinity.size else 0.0
    nodes = node_count + 1
    resolution = min(COST_RESOLUTION, max(INT64_HEADROOM // (2 * nodes * nodes), 1))
    factor = resolution / largest if largest > 0 else 1.0
    if not np.isfinite(factor):
        # Affinities so small (subnormal) that no finite factor brings them to the
        # resolution: they are all but zero, and a large finite factor rounds them so.
        factor = LARGEST_FACTOR
    largest_cost = int(np.rint(largest * factor)) if largest > 0 else 1
    return CostScale(factor=factor, penalty=2 * nodes * max(largest_cost, 1) + 1)


def integer_costs(affinity: npt.NDArray[np.float64], scale: CostScale) -> IntMatrix:
    """Costs of all project -> expert arcs: minus the scaled, rounded affinity."""
    return (-np.rint(affinity * scale.factor)).astype(np.int64)


@dataclass(frozen=True)
class FlowSolution:
    """One solved network: its arcs (parallel arrays) and the optimal flow on them."""

    project_count: int
    expert_count: int
    pair_rows: npt.NDArray[np.intp]
    pair_columns: npt.NDArray[np.intp]
    tails: npt.NDArray[np.int32]
    heads: npt.NDArray[np.int32]
    capacities: IntVector
    costs: IntVector
    supplies: IntVector
    flows: IntVector
    cost: int

    @property
    def pair_count(self) -> int:
        return len(self.pair_rows)

    def chosen_pairs(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Rows and columns of the candidate pairs carrying flow (the free assignments)."""
        used = self.flows[: self.pair_count] > 0
        return self.pair_rows[used], self.pair_columns[used]

    def unfilled(self) -> IntVector:
        """Per project, the reviews that went to the unfilled slack."""
        start = self.pair_count + self.expert_count
        return self.flows[start : start + self.project_count]

    def missing_minimum(self) -> IntVector:
        """Per expert, the minimum-load reviews that came from slack."""
        start = self.pair_count + self.expert_count + self.project_count
        return self.flows[start : start + self.expert_count]

    def slack(self) -> int:
        return int(self.unfilled().sum() + self.missing_minimum().sum())


def solve_network(
    prepared: PreparedInstance, cost_matrix: IntMatrix, candidates: BoolMatrix, scale: CostScale
) -> FlowSolution:
    """Solve the min-cost flow over the candidate pairs exactly (OR-Tools cost scaling)."""
    project_count, expert_count = prepared.free.shape
    sink = project_count + expert_count
    pair_rows, pair_columns = np.nonzero(candidates)
    projects = np.arange(project_count)
    experts = np.arange(expert_count) + project_count
    tails = np.concatenate([pair_rows, experts, projects, np.full(expert_count, sink)])
    heads = np.concatenate(
        [
            pair_columns + project_count,
            np.full(expert_count, sink),
            np.full(project_count, sink),
            experts,
        ]
    )
    capacities = np.concatenate(
        [
            np.ones(len(pair_rows), dtype=np.int64),
            prepared.remaining_max - prepared.remaining_min,
            prepared.remaining_reviews,
            prepared.remaining_min,
        ]
    ).astype(np.int64)
    costs = np.concatenate(
        [
            cost_matrix[pair_rows, pair_columns],
            np.zeros(expert_count, dtype=np.int64),
            np.full(project_count, scale.penalty, dtype=np.int64),
            np.full(expert_count, scale.penalty, dtype=np.int64),
        ]
    ).astype(np.int64)
    supplies = np.concatenate(
        [
            prepared.remaining_reviews,
            -prepared.remaining_min,
            [int(prepared.remaining_min.sum() - prepared.remaining_reviews.sum())],
        ]
    ).astype(np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities, costs
    )
    solver.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = solver.solve()
    if status != solver.OPTIMAL:
        # The slack arcs make every instance feasible, so this is a defect, not bad input.
        # (Reading flows after a failed solve crashes OR-Tools, so stop here.)
        raise RuntimeError(f"min-cost flow solver returned {status.name}")
    flows = np.asarray(solver.flows(np.arange(solver.num_arcs(), dtype=np.int32)), dtype=np.int64)
    return FlowSolution(
        project_count=project_count,
        expert_count=expert_count,
        pair_rows=pair_rows,
        pair_columns=pair_columns,
        tails=tails.astype(np.int32),
        heads=heads.astype(np.int32),
        capacities=capacities,
        costs=costs,
        supplies=supplies,
        flows=flows,
        cost=int(solver.optimal_cost()),
    )


def node_distances(solution: FlowSolution, start: IntVector | None = None) -> IntVector:
    """Potentials proving the flow optimal: ``d[head] <= d[tail] + cost`` on every residual arc.

    Bellman-Ford from ``start`` (zeros: a virtual root joined to every node), one numpy
    pass per round of relaxations; it converges because an optimal flow leaves no
    negative cycle. Starting from the previous round's distances saves passes.
    """
    forward = solution.flows < solution.capacities
    backward = solution.flows > 0
    tails = np.concatenate([solution.tails[forward], solution.heads[backward]])
    heads = np.concatenate([solution.heads[forward], solution.tails[backward]])
    costs = np.concatenate([solution.costs[forward], -solution.costs[backward]])
    order = np.argsort(heads, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    node_count = solution.project_count + solution.expert_count + 1
    distances = np.zeros(node_count, dtype=np.int64) if start is None else start.copy()
    if len(heads) == 0:
        return distances
    segment_starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
    segment_nodes = heads[segment_starts]
    for _ in range(node_count + 1):
        best = np.minimum.reduceat(distances[tails] + costs, segment_starts)
        improved = best < distances[segment_nodes]
        if not improved.any():
            # Only differences matter; anchoring the largest at zero keeps rounds from
            # drifting towards the int64 limit.
            anchored: IntVector = distances - distances.max()
            return anchored
        distances[segment_nodes[improved]] = best[improved]
    raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")


def reduced_costs(cost_matrix: IntMatrix, distances: IntVector, project_count: int) -> IntMatrix:
    """Reduced cost ``cost + d[project] - d[expert]`` of every project -> expert arc."""
    project_distance = distances[:project_count]
    expert_distance = distances[project_count:-1]
    reduced: IntMatrix = cost_matrix + project_distance[:, None] - expert_distance[None, :]
    return reduced


def complementary_slackness_gap(
    reduced: npt.NDArray[np.float64] | IntVector,
    flows: IntVector,
    capacities: IntVector,
) -> float:
    """Sum over arcs of ``flow * max(reduced, 0) + (capacity - flow) * max(-reduced, 0)``.

    For any potentials, the cost of a flow minus the Lagrangian lower bound
    ``-b.d + sum cap * min(0, reduced)`` equals exactly this sum (expand the reduced
    costs); it is zero precisely when the potentials prove the flow optimal. Summing
    these non-negative terms avoids the cancellation of the two large totals.
    """
    positive = np.maximum(reduced, 0)
    negative = np.maximum(-reduced, 0)
    return float(np.sum(flows * positive) + np.sum((capacities - flows) * negative))


def duality_gap(
    solution: FlowSolution,
    distances: IntVector,
    pair_reduced: npt.NDArray[np.float64] | IntVector,
    pair_flows: IntVector,
) -> float:
    """How far the flow's cost can be above the optimum of the FULL graph (weak duality).

    ``pair_reduced`` and ``pair_flows`` list project -> expert arcs of the full graph
    (capacity 1): the caller passes every arc whose term can be non-zero, that is every
    arc carrying flow and every arc without flow whose reduced cost may be negative.
    The other arcs (to and from the sink) are the solution's own, the same in the full
    graph, and have integer costs, so their reduced costs are exact.
    """
    start = solution.pair_count
    tails = solution.tails[start:]
    heads = solution.heads[start:]
    reduced = solution.costs[start:] + distances[tails] - distances[heads]
    other_arcs = complementary_slackness_gap(
        reduced, solution.flows[start:], solution.capacities[start:]
    )
    pairs = complementary_slackness_gap(pair_reduced, pair_flows, np.ones_like(pair_flows))
    return other_arcs + pairs
