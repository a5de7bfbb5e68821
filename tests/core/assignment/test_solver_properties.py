"""Property tests: on random instances the assignment never breaks a constraint and its
objective equals the LP optimum computed independently with scipy's ``linprog``."""

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.assignment import AssignmentInstance, solve_assignment
from tests.core.assignment.reference import lexicographic_lp_optimum


@st.composite
def instances(draw, *, valid_locks: bool):
    """Small random instances; locks are valid (no conflict, within K and max loads)
    when ``valid_locks``, else arbitrary."""
    project_count = draw(st.integers(1, 7))
    expert_count = draw(st.integers(1, 6))
    projects = [f"p{index}" for index in range(project_count)]
    experts = [f"e{index}" for index in range(expert_count)]
    # Few distinct values make ties, where optimality bugs hide.
    values = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0, -0.3])
    affinity = np.array(
        draw(
            st.lists(
                st.lists(values, min_size=expert_count, max_size=expert_count),
                min_size=project_count,
                max_size=project_count,
            )
        )
    )
    pairs = [(project, expert) for project in projects for expert in experts]
    conflicts = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 2, unique=True))
    k = draw(st.integers(0, 3))
    if draw(st.booleans()):
        max_load = draw(st.integers(0, 4))
    else:
        max_load = {expert: draw(st.integers(0, 4)) for expert in experts if draw(st.booleans())}
    if draw(st.booleans()):
        min_load = draw(st.integers(0, 2))
    else:
        min_load = {expert: draw(st.integers(0, 3)) for expert in experts if draw(st.booleans())}
    locked = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
    if valid_locks:
        locked = _valid_subset(locked, conflicts, k, max_load, project_count)
    return AssignmentInstance(projects, experts, affinity, k, max_load, min_load, conflicts, locked)


def _valid_subset(locked, conflicts, k, max_load, project_count):
    kept, per_project, per_expert = [], Counter(), Counter()
    for project, expert in locked:
        bound = max_load if isinstance(max_load, int) else max_load.get(expert, project_count)
        if (project, expert) in conflicts or per_project[project] >= k:
            continue
        if per_expert[expert] >= bound:
            continue
        kept.append((project, expert))
        per_project[project] += 1
        per_expert[expert] += 1
    return kept


def _max_load(instance, expert):
    if isinstance(instance.max_load, int):
        return instance.max_load
    return instance.max_load.get(expert, len(instance.projects))


def _min_load(instance, expert):
    if isinstance(instance.min_load, int):
        return instance.min_load
    return instance.min_load.get(expert, 0)


@settings(max_examples=150, deadline=None)
@given(instances(valid_locks=False))
def test_solve_assignment_random_instance_never_breaks_a_constraint(instance):
    result = solve_assignment(instance)

    assigned = result.assignments
    assert len(set(assigned)) == len(assigned)
    assert not set(assigned) & set(instance.conflicts)
    per_project = Counter(project for project, _ in assigned)
    per_expert = Counter(expert for _, expert in assigned)
    assert all(
        per_project[project] <= instance.reviews_per_project for project in instance.projects
    )
    assert all(per_expert[expert] <= _max_load(instance, expert) for expert in instance.experts)
    unfilled = dict(result.unfilled)
    for project in instance.projects:
        assert per_project[project] + unfilled.get(project, 0) == instance.reviews_per_project
    underloaded = dict(result.underloaded)
    for expert in instance.experts:
        assert max(_min_load(instance, expert) - per_expert[expert], 0) == underloaded.get(
            expert, 0
        )
    row = {project: index for index, project in enumerate(instance.projects)}
    column = {expert: index for index, expert in enumerate(instance.experts)}
    total = math.fsum(instance.affinity[row[p], column[e]] for p, e in assigned)
    assert result.objective == pytest.approx(total, abs=1e-12)
    assert result.upper_bound >= result.objective - 1e-9
    dropped_locks = [text for text in result.explanations if text.startswith("locked pair")]
    if not dropped_locks:
        assert set(instance.locked) <= set(assigned)
    if result.status == "optimal":
        assert not result.unfilled and not result.underloaded and not dropped_locks
        assert result.explanations == []
    else:
        assert result.status == "infeasible"
        assert result.explanations != []


@settings(max_examples=150, deadline=None)
@given(instances(valid_locks=True))
def test_solve_assignment_random_instance_objective_equals_lp_optimum(instance):
    result = solve_assignment(instance)

    coverage, minimum_met, best_affinity = lexicographic_lp_optimum(instance)
    per_expert = Counter(expert for _, expert in result.assignments)
    met = sum(
        min(per_expert[expert], _min_load(instance, expert), _max_load(instance, expert))
        for expert in instance.experts
    )
    assert len(result.assignments) == coverage
    assert met == minimum_met
    assert result.objective == pytest.approx(best_affinity, abs=1e-7)
    assert result.gap == pytest.approx(0.0, abs=1e-7)


@st.composite
def pruned_instances(draw):
    """Instances wider than the first candidate graph (2K + 4 experts per project), with
    popular experts, so that pricing has to bring in pairs left out at first."""
    seed = draw(st.integers(0, 2**32 - 1))
    generator = np.random.default_rng(seed)
    project_count = draw(st.integers(30, 70))
    expert_count = draw(st.integers(14, 24))
    k = draw(st.integers(1, 3))
    popularity = generator.uniform(0.1, 1.0, expert_count) ** 2
    affinity = np.round(popularity * generator.uniform(0, 1, (project_count, expert_count)), 3)
    projects = [f"p{index}" for index in range(project_count)]
    experts = [f"e{index}" for index in range(expert_count)]
    blocked = np.argwhere(generator.random((project_count, expert_count)) < 0.1)
    conflicts = [(projects[row], experts[column]) for row, column in blocked.tolist()]
    average = project_count * k / expert_count
    max_load = int(np.ceil(average)) + draw(st.integers(-1, 2))
    min_load = draw(st.sampled_from([0, 0, int(average) // 2, int(average)]))
    return AssignmentInstance(projects, experts, affinity, k, max_load, min_load, conflicts)


@settings(max_examples=12, deadline=None)
@given(pruned_instances())
def test_solve_assignment_pruned_instance_objective_equals_lp_optimum(instance):
    result = solve_assignment(instance)

    coverage, minimum_met, best_affinity = lexicographic_lp_optimum(instance)
    loads = Counter(expert for _, expert in result.assignments)
    assert len(result.assignments) == coverage
    assert sum(min(loads[expert], instance.min_load) for expert in instance.experts) == (
        minimum_met
    )
    assert result.objective == pytest.approx(best_affinity, abs=1e-7)
    assert result.gap == pytest.approx(0.0, abs=1e-7)
    assert result.status in ("optimal", "infeasible")
