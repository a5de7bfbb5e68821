"""Small instances whose optimum is checked by hand, and the solver's contract around it."""

import numpy as np
import pytest

from techbridge.core.assignment import (
    AssignmentCancelled,
    AssignmentInstance,
    solve_assignment,
)

AFFINITY_3X3 = np.array(
    [
        [0.9, 0.1, 0.5],
        [0.8, 0.7, 0.2],
        [0.3, 0.6, 0.4],
    ]
)


def instance_3x3(**overrides):
    fields = {
        "projects": ["p1", "p2", "p3"],
        "experts": ["e1", "e2", "e3"],
        "affinity": AFFINITY_3X3,
        "reviews_per_project": 1,
        "max_load": 1,
    }
    fields.update(overrides)
    return AssignmentInstance(**fields)


def test_solve_assignment_one_reviewer_each_finds_hand_checked_optimum():
    # The six permutations give 2.0 (e1, e2, e3), 1.7, 1.3, 0.6, 1.9 and 1.5.
    result = solve_assignment(instance_3x3())

    assert result.status == "optimal"
    assert result.assignments == [("p1", "e1"), ("p2", "e2"), ("p3", "e3")]
    assert result.objective == pytest.approx(2.0, abs=1e-12)
    assert result.unfilled == []
    assert result.explanations == []
    assert result.gap == pytest.approx(0.0, abs=1e-9)


def test_solve_assignment_conflict_moves_reviewer_to_next_best():
    # p1-e1 is forbidden: best is p1-e3 (0.5), p2-e1 (0.8), p3-e2 (0.6) = 1.9.
    result = solve_assignment(instance_3x3(conflicts=[("p1", "e1")]))

    assert result.status == "optimal"
    assert result.assignments == [("p1", "e3"), ("p2", "e1"), ("p3", "e2")]
    assert result.objective == pytest.approx(1.9, abs=1e-12)


def test_solve_assignment_locked_pair_is_kept_even_when_costly():
    # Locking p1-e2 (0.1) leaves p2, p3 to e1, e3: p2-e1 0.8 + p3-e3 0.4 = 1.2; total 1.3.
    result = solve_assignment(instance_3x3(locked=[("p1", "e2")]))

    assert result.status == "optimal"
    assert result.assignments == [("p1", "e2"), ("p2", "e1"), ("p3", "e3")]
    assert result.objective == pytest.approx(1.3, abs=1e-12)


def test_solve_assignment_two_reviewers_with_load_two_uses_every_expert_twice():
    # K=2, max load 2: each project leaves out exactly one expert, each expert is left out
    # once, so the pairs left out form a permutation; the cheapest is e2 from p1 (0.1),
    # e3 from p2 (0.2), e1 from p3 (0.3): total 4.5 - 0.6 = 3.9.
    result = solve_assignment(instance_3x3(reviews_per_project=2, max_load=2))

    assert result.status == "optimal"
    assert result.assignments == [
        ("p1", "e1"),
        ("p1", "e3"),
        ("p2", "e1"),
        ("p2", "e2"),
        ("p3", "e2"),
        ("p3", "e3"),
    ]
    assert result.objective == pytest.approx(3.9, abs=1e-12)


def test_solve_assignment_min_load_forces_reviews_onto_weak_expert():
    # Without a minimum, e1 (max 3) would take every project (2.0). With e3 needing two
    # reviews: e3 on {p1, p3} + e1 on p2 = 0.5 + 0.4 + 0.8 = 1.7; on {p2, p3} + p1-e1 =
    # 0.2 + 0.4 + 0.9 = 1.5; on {p1, p2} + p3-e1 = 1.0; on all three = 1.1. Best: 1.7.
    result = solve_assignment(
        instance_3x3(
            experts=["e1", "e2", "e3"],
            max_load={"e1": 3, "e2": 0, "e3": 3},
            min_load={"e3": 2},
        )
    )

    assert result.status == "optimal"
    assert result.assignments == [("p1", "e3"), ("p2", "e1"), ("p3", "e3")]
    assert result.objective == pytest.approx(1.7, abs=1e-12)


def test_solve_assignment_expert_absent_from_max_load_mapping_is_unbounded():
    result = solve_assignment(instance_3x3(max_load={"e2": 0, "e3": 0}))

    assert result.assignments == [("p1", "e1"), ("p2", "e1"), ("p3", "e1")]
    assert result.status == "optimal"


def test_solve_assignment_too_few_conflict_free_experts_explains_project():
    result = solve_assignment(
        instance_3x3(reviews_per_project=2, max_load=3, conflicts=[("p1", "e1"), ("p1", "e2")])
    )

    assert result.status == "infeasible"
    assert result.unfilled == [("p1", 1)]
    assert result.explanations == ["p1: only 1 expert without a conflict of interest (needs 2)"]
    # p1 still gets its one possible reviewer; the others get their best two.
    assert ("p1", "e3") in result.assignments
    assert len(result.assignments) == 5


def test_solve_assignment_total_capacity_short_gives_best_partial():
    result = solve_assignment(instance_3x3(reviews_per_project=2, max_load=1))

    assert result.status == "infeasible"
    assert result.explanations == ["total expert capacity 3 < required 6 reviews"]
    # Three reviews, one per expert, each on its best project: 0.9 + 0.7 + 0.5.
    assert result.assignments == [("p1", "e1"), ("p1", "e3"), ("p2", "e2")]
    assert result.objective == pytest.approx(2.1, abs=1e-12)
    assert sum(missing for _, missing in result.unfilled) == 3


def test_solve_assignment_group_bottleneck_names_projects_and_full_experts():
    projects = ["p1", "p2", "p3", "p4"]
    affinity = np.vstack([AFFINITY_3X3, [0.3, 0.6, 0.4]])
    conflicts = [(project, expert) for project in ["p1", "p2", "p3"] for expert in ["e2", "e3"]]
    result = solve_assignment(
        AssignmentInstance(
            projects, ["e1", "e2", "e3"], affinity, 1, max_load=2, conflicts=conflicts
        )
    )

    assert result.status == "infeasible"
    assert result.unfilled == [("p3", 1)]
    assert result.explanations == [
        "p1, p2, p3: 3 projects compete for the same experts and 1 review is missing: "
        "every expert without a conflict of interest who is not yet reviewing them "
        "(1 expert: e1) is at maximum load"
    ]


def test_solve_assignment_locked_conflict_is_dropped_and_explained():
    result = solve_assignment(instance_3x3(locked=[("p1", "e1")], conflicts=[("p1", "e1")]))

    assert result.status == "infeasible"
    assert ("p1", "e1") not in result.assignments
    assert result.unfilled == []
    assert result.explanations == [
        "locked pair (p1, e1) conflicts: a conflict of interest is never assigned, "
        "so it was dropped"
    ]


def test_solve_assignment_locks_beyond_max_load_keep_best_affinity():
    result = solve_assignment(
        instance_3x3(max_load=2, locked=[("p1", "e1"), ("p2", "e1"), ("p3", "e1")])
    )

    assert result.status == "infeasible"
    assert result.explanations == [
        "locked pairs exceed e1's max load (3 locked > 2): dropped (p3, e1)"
    ]
    assert result.assignments == [("p1", "e1"), ("p2", "e1"), ("p3", "e2")]


def test_solve_assignment_locks_beyond_k_keep_best_affinity():
    result = solve_assignment(instance_3x3(max_load=3, locked=[("p2", "e1"), ("p2", "e2")]))

    assert result.explanations == [
        "locked pairs exceed p2's 1 reviews (2 locked): kept e1; dropped e2"
    ]
    assert ("p2", "e1") in result.assignments
    assert ("p2", "e2") not in result.assignments


def test_solve_assignment_min_load_above_max_load_is_explained():
    result = solve_assignment(instance_3x3(max_load=2, min_load={"e3": 3}))

    assert result.status == "infeasible"
    assert "e3: minimum load 3 exceeds maximum load 2" in result.explanations
    assert result.underloaded == [("e3", 1)]


def test_solve_assignment_no_projects_reports_experts_below_minimum():
    result = solve_assignment(
        AssignmentInstance([], ["e1"], np.zeros((0, 1)), 3, max_load=2, min_load=1)
    )

    assert result.status == "infeasible"
    assert result.assignments == []
    assert result.underloaded == [("e1", 1)]
    assert result.explanations == [
        "e1: only 0 projects without a conflict of interest (min load 1)"
    ]


def test_solve_assignment_zero_reviews_per_project_assigns_nothing():
    result = solve_assignment(instance_3x3(reviews_per_project=0))

    assert result.status == "optimal"
    assert result.assignments == []
    assert result.objective == 0.0


def test_solve_assignment_negative_affinities_still_cover_every_project():
    result = solve_assignment(instance_3x3(affinity=-AFFINITY_3X3))

    assert result.status == "optimal"
    assert len(result.assignments) == 3
    # The least bad permutation: p1-e2 (-0.1), p2-e3 (-0.2), p3-e1 (-0.3).
    assert result.objective == pytest.approx(-0.6, abs=1e-12)


def test_solve_assignment_invalid_instance_lists_every_defect():
    bad = AssignmentInstance(
        projects=["p1", "p1"],
        experts=["e1"],
        affinity=np.array([[0.1], [np.nan]]),
        reviews_per_project=-1,
        max_load={"e9": 1},
        conflicts=[("p7", "e1")],
    )

    with pytest.raises(ValueError) as error:
        solve_assignment(bad)

    message = str(error.value)
    assert "projects: duplicate ids" in message
    assert "affinity: 1 values are not finite, first at [1][0]" in message
    assert "reviews_per_project: expected a non-negative integer" in message
    assert "max_load: unknown expert 'e9'" in message
    assert "conflicts[0]: unknown project 'p7'" in message


def test_solve_assignment_progress_fractions_rise_to_one():
    events = []

    solve_assignment(instance_3x3(), on_progress=events.append)

    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions)
    assert events[-1].phase == "done"
    assert events[-1].fraction == 1.0
    assert events[-1].objective == pytest.approx(2.0, abs=1e-12)


def test_solve_assignment_cancelled_raises_and_stops():
    polls = []

    def cancel_on_second_poll():
        polls.append(1)
        return len(polls) >= 2

    with pytest.raises(AssignmentCancelled):
        solve_assignment(instance_3x3(), should_cancel=cancel_on_second_poll)
    assert len(polls) == 2


def competitive_instance(seed=3, projects=300, experts=60, reviews=3):
    """Every project prefers the same few popular experts: the first candidate graph
    cannot hold the optimum, so pricing needs several rounds."""
    generator = np.random.default_rng(seed)
    popularity = generator.uniform(0.2, 1.0, experts) ** 3
    affinity = np.round(popularity[None, :] * generator.uniform(0.5, 1.0, (projects, experts)), 4)
    return AssignmentInstance(
        [f"p{index}" for index in range(projects)],
        [f"e{index}" for index in range(experts)],
        affinity,
        reviews,
        max_load=int(np.ceil(projects * reviews / experts)) + 1,
    )


def test_solve_assignment_pricing_rounds_reach_optimum_on_competitive_instance():
    result = solve_assignment(competitive_instance())

    assert result.status == "optimal"
    assert result.statistics.rounds > 1
    assert result.gap == pytest.approx(0.0, abs=1e-6)


def test_solve_assignment_time_limit_returns_valid_unproven_assignment():
    instance = competitive_instance()

    result = solve_assignment(instance, time_limit=1e-9)

    assert result.status == "feasible"
    assert result.statistics.rounds == 1
    assert result.explanations[-1].startswith("time limit reached after 1 rounds")
    loads = {}
    for _, expert in result.assignments:
        loads[expert] = loads.get(expert, 0) + 1
    assert max(loads.values()) <= instance.max_load
    assert result.objective <= result.upper_bound + 1e-9


@pytest.mark.parametrize("tiny", [2.2e-313, 5e-324, -4e-320])
def test_solve_assignment_subnormal_affinities_count_as_zero(tiny):
    # Found by hypothesis: a factor of resolution / 2.2e-313 overflowed to infinity.
    result = solve_assignment(instance_3x3(affinity=np.full((3, 3), tiny)))
    assert result.status == "optimal"
    assert len(result.assignments) == 3
    assert abs(result.objective) < 1e-300
