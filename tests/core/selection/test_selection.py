"""Selecting the best N projects under field quotas, with a reserve list and reasons."""

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.selection import Candidate, select_projects

# p1 is the best project but uses both the "ai" and the "energy" quota: taking it
# first (greedy) gives 90 + 70 + 60 = 220; leaving it out gives 85 + 84 + 70 = 239.
CANDIDATES = [
    Candidate("p1", 90, ("ai", "energy")),
    Candidate("p2", 85, ("ai",)),
    Candidate("p3", 84, ("energy",)),
    Candidate("p4", 70, ("bio",)),
    Candidate("p5", 70, ("ai",)),
    Candidate("p6", 60, ("bio",)),
]


def statuses(result):
    return {
        "selected": [decision.project for decision in result.selected],
        "reserve": [decision.project for decision in result.reserve],
        "rejected": [decision.project for decision in result.rejected],
    }


def test_select_projects_multi_field_quota_beats_greedy():
    result = select_projects(CANDIDATES, 3, quotas={"ai": 1, "energy": 1})

    assert [d.project for d in result.selected] == ["p2", "p3", "p4"]
    assert sum(d.score for d in result.selected) == 239
    assert [d.reason for d in result.selected] == [
        "rank 2 by score",
        "rank 3 by score",
        "rank 4 by score, chosen over better-scored projects whose fields were full",
    ]
    rejected = {d.project: d.reason for d in result.rejected}
    assert rejected == {
        "p1": "quota for field ai full (at most 1); quota for field energy full (at most 1)",
        "p5": "quota for field ai full (at most 1)",
        "p6": "score 60.00 below the selection cut-off 70.00",
    }
    assert result.notes == []


def test_select_projects_without_quotas_takes_top_scores_ties_by_input_order():
    result = select_projects(CANDIDATES, 4)

    # p4 and p5 tie at 70: p4 came first.
    assert [d.project for d in result.selected] == ["p1", "p2", "p3", "p4"]
    assert [d.rank for d in result.selected] == [1, 2, 3, 4]


def test_select_projects_reserve_respects_quotas_within_reserve():
    result = select_projects(CANDIDATES, 3, quotas={"ai": 1, "energy": 1}, reserve_count=2)

    # Among p1, p5, p6 the reserve may hold one "ai" project: p1 + p6 (150) beat p5 + p6.
    assert statuses(result) == {
        "selected": ["p2", "p3", "p4"],
        "reserve": ["p1", "p6"],
        "rejected": ["p5"],
    }
    assert result.reserve[0].reason == (
        "reserve #1; not selected: quota for field ai full (at most 1); "
        "quota for field energy full (at most 1)"
    )
    assert result.reserve[1].reason == "reserve #2"


def test_select_projects_reserve_completed_over_quota_when_too_few_fit():
    result = select_projects(CANDIDATES, 3, quotas={"ai": 1, "energy": 1}, reserve_count=3)

    assert [d.project for d in result.reserve] == ["p1", "p6", "p5"]
    assert result.reserve[2].reason.startswith(
        "reserve #3: over the field quotas, listed because too few projects fit them"
    )
    assert result.rejected == []


def test_select_projects_quotas_too_tight_selects_fewer_and_says_why():
    result = select_projects(CANDIDATES, 5, quotas={"ai": 1, "energy": 1, "bio": 1})

    assert [d.project for d in result.selected] == ["p2", "p3", "p4"]
    assert result.notes == [
        "only 3 of 5 projects could be selected: the quotas for ai, bio, energy are full"
    ]


def test_select_projects_zero_quota_rejects_field():
    result = select_projects(CANDIDATES, 2, quotas={"ai": 0})

    assert [d.project for d in result.selected] == ["p3", "p4"]
    assert {d.project: d.reason for d in result.rejected}["p1"] == (
        "quota for field ai full (at most 0)"
    )


def test_select_projects_same_input_same_answer_with_many_ties():
    candidates = [Candidate(f"p{i}", 50, ("x",) if i % 2 else ("y",)) for i in range(12)]

    first = select_projects(candidates, 4, quotas={"x": 2, "y": 2}, reserve_count=2)
    second = select_projects(candidates, 4, quotas={"x": 2, "y": 2}, reserve_count=2)

    assert first == second
    assert [d.project for d in first.selected] == ["p0", "p1", "p2", "p3"]
    assert [d.project for d in first.reserve] == ["p4", "p5"]


def test_select_projects_bad_input_is_refused():
    with pytest.raises(ValueError, match="duplicate projects"):
        select_projects([Candidate("a", 1), Candidate("a", 2)], 1)
    with pytest.raises(ValueError, match="score of a is not finite"):
        select_projects([Candidate("a", float("inf"))], 1)
    with pytest.raises(ValueError, match="quota for x is negative"):
        select_projects([Candidate("a", 1)], 1, quotas={"x": -1})


def _fits(subset, quotas):
    used = {}
    for candidate in subset:
        for field in candidate.fields:
            used[field] = used.get(field, 0) + 1
    return all(used.get(field, 0) <= limit for field, limit in quotas.items())


@st.composite
def selection_problems(draw):
    fields = ["ai", "bio", "energy", "materials"]
    size = draw(st.integers(1, 9))
    candidates = [
        Candidate(
            f"p{index}",
            draw(st.sampled_from([10.0, 20.5, 30.0, 30.0, 45.25, 50.0, 77.75, 90.0])),
            tuple(draw(st.lists(st.sampled_from(fields), max_size=3, unique=True))),
        )
        for index in range(size)
    ]
    quotas = draw(st.dictionaries(st.sampled_from(fields), st.integers(0, 3)))
    return candidates, draw(st.integers(0, size)), quotas


@settings(max_examples=80, deadline=None)
@given(selection_problems())
def test_select_projects_matches_brute_force_optimum(problem):
    candidates, count, quotas = problem

    result = select_projects(candidates, count, quotas=quotas, reserve_count=2)

    chosen = [c for c in candidates if c.project in {d.project for d in result.selected}]
    assert _fits(chosen, quotas)
    best_size = max(
        size
        for size in range(count + 1)
        if any(_fits(subset, quotas) for subset in combinations(candidates, size))
    )
    best_total = max(
        sum(c.score for c in subset)
        for subset in combinations(candidates, best_size)
        if _fits(subset, quotas)
    )
    assert len(chosen) == best_size
    assert sum(c.score for c in chosen) == pytest.approx(best_total)
    everyone = result.selected + result.reserve + result.rejected
    assert sorted(d.project for d in everyone) == sorted(c.project for c in candidates)
    assert len(result.reserve) == min(2, len(candidates) - len(chosen))
    assert [d.rank for d in result.rejected] == sorted(d.rank for d in result.rejected)
