"""The adapter to the core: database ids in, database ids out, every rule kept (property
test on random small calls), explanations in the organisers' project codes."""

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.calls import engine


@st.composite
def calls(draw):
    projects = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=6, unique=True))
    experts = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=6, unique=True))
    pairs = [(project, expert) for project in projects for expert in experts]
    conflicts = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 2, unique=True))
    free = [pair for pair in pairs if pair not in conflicts]
    locked = draw(st.lists(st.sampled_from(free), max_size=2, unique=True)) if free else []
    loads = {expert: (draw(st.integers(0, 1)), draw(st.integers(1, 4))) for expert in experts}
    affinity = draw(
        st.lists(
            st.floats(-1.0, 2.0, allow_nan=False),
            min_size=len(pairs),
            max_size=len(pairs),
        )
    )
    return projects, experts, conflicts, locked, loads, affinity, draw(st.integers(1, 3))


@settings(max_examples=40, deadline=None)
@given(calls())
def test_assign_keeps_every_rule_in_database_ids(instance):
    projects, experts, conflicts, locked, loads, affinity, k = instance
    outcome = engine.assign(
        submission_ids=projects,
        member_ids=experts,
        affinity=np.array(affinity).reshape(len(projects), len(experts)),
        reviews_per_project=k,
        loads=loads,
        conflicts=conflicts,
        locked=locked,
        labels={project: f"P-{project:03d}" for project in projects},
        expert_labels={expert: f"Expert {expert}" for expert in experts},
    )
    pairs = outcome.pairs
    assert len(set(pairs)) == len(pairs)
    assert not set(pairs) & set(conflicts)
    per_project = Counter(project for project, _expert in pairs)
    per_expert = Counter(expert for _project, expert in pairs)
    assert all(per_project[project] <= k for project in projects)
    assert all(per_expert[expert] <= loads[expert][1] for expert in experts)
    assert {project for project, _missing in outcome.unfilled} <= set(projects)
    for project, missing in outcome.unfilled:
        assert per_project[project] + missing == k
    # Locks are kept unless they break K or a maximum load (then explained).
    for pair in locked:
        assert pair in pairs or outcome.status == "infeasible"
    for explanation in outcome.explanations:
        assert not any(f"s{project}" in explanation["text"].split() for project in projects)


def test_explanations_name_projects_by_their_code():
    outcome = engine.assign(
        submission_ids=[12],
        member_ids=[3],
        affinity=np.array([[0.5]]),
        reviews_per_project=2,
        loads={3: (0, 5)},
        conflicts=[],
        locked=[],
        labels={12: "P-012"},
        expert_labels={3: "Li Jianguo"},
    )
    assert outcome.status == "infeasible"
    assert outcome.unfilled == [(12, 1)]
    explanation = outcome.explanations[0]
    assert explanation["text"].startswith("P-012: only 1 expert")
    assert explanation["code"] == "few_without_conflict"
    assert explanation["details"] == {"project": "P-012", "count": 1, "needed": 2}
    assert [other["code"] for other in outcome.explanations[1:]] == ["capacity_short"]
