import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.matching.evaluation import (
    evaluate_split,
    ndcg,
    ratio_interval,
    recall,
    reciprocal_rank,
)


def test_ndcg_of_a_perfect_ranking_is_one_and_of_a_reversed_one_less():
    grades = {"a": 2, "b": 1}
    assert ndcg(["a", "b", "c"], grades) == 1.0
    reversed_value = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert math.isclose(ndcg(["b", "a", "c"], grades), reversed_value)
    assert ndcg(["c"], {}) is None


def test_reciprocal_rank_and_recall():
    assert reciprocal_rank(["x", "y", "a"], {"a": 1}) == 1 / 3
    assert reciprocal_rank(["x"], {"a": 1}) == 0.0
    assert recall(["a", "x"], {"a": 2, "b": 1}, k=2) == 0.5


def test_evaluate_split_judges_same_and_cross_language_items_separately():
    languages = {"q": "zh", "zh1": "zh", "ru1": "ru", "ru2": "ru"}
    report = evaluate_split(
        {"q": ["ru2", "zh1", "ru1"]}, {"q": {"zh1": 2, "ru1": 2}}, languages, k=10
    )
    # same-language ranking without ru1: [ru2, zh1] -> zh1 at rank 2
    assert math.isclose(report.same_language.ndcg, 1 / math.log2(3))
    # cross-language ranking without zh1: [ru2, ru1] -> ru1 at rank 2
    assert math.isclose(report.cross_language.ndcg, 1 / math.log2(3))
    assert report.cross_to_same_ratio == 1.0
    assert math.isclose(report.own_language_share, 1 / 3)
    assert report.overall.query_count == 1


def _split_data(same_ranks, cross_ranks):
    """One query per pair of ranks: its same-language relevant item at ``same_rank`` and
    its cross-language one at ``cross_rank`` (1-based), among distractors."""
    rankings, judgements, languages = {}, {}, {}
    for number, (same_rank, cross_rank) in enumerate(zip(same_ranks, cross_ranks, strict=True)):
        query = f"q{number}"
        ranking = [f"{query}-x{i}" for i in range(12)]
        ranking.insert(same_rank - 1, f"{query}-same")
        ranking.insert(cross_rank - 1, f"{query}-cross")
        rankings[query] = ranking
        judgements[query] = {f"{query}-same": 2, f"{query}-cross": 2}
        languages.update({item: "zh" for item in ranking})
        languages[f"{query}-cross"] = "ru"
        languages[query] = "zh"
    return rankings, judgements, languages


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=8)),
        min_size=2,
        max_size=20,
    )
)
def test_ratio_interval_brackets_the_measured_ratio(pairs):
    rankings, judgements, languages = _split_data(*zip(*pairs, strict=True))
    interval = ratio_interval(rankings, judgements, languages, samples=400)
    ratio = evaluate_split(rankings, judgements, languages).cross_to_same_ratio
    assert interval is not None and ratio is not None
    low, high = interval
    assert low <= high
    assert low - 1e-9 <= ratio <= high + 1e-9 or high - low < 1e-9


def test_ratio_interval_is_a_point_when_every_query_is_alike_and_repeatable():
    rankings, judgements, languages = _split_data([1] * 6, [3] * 6)
    low, high = ratio_interval(rankings, judgements, languages, samples=200)
    expected = evaluate_split(rankings, judgements, languages).cross_to_same_ratio
    assert low == pytest.approx(expected) and high == pytest.approx(expected)
    varied = _split_data([1, 2, 1, 5], [3, 1, 8, 2])
    assert ratio_interval(*varied, seed=3) == ratio_interval(*varied, seed=3)


def test_ratio_interval_needs_both_splits():
    rankings, judgements, languages = _split_data([1, 2], [1, 2])
    only_same = {query: {item: grade for item, grade in grades.items() if "same" in item}
                 for query, grades in judgements.items()}  # fmt: skip
    assert ratio_interval(rankings, only_same, languages) is None
