import math

from techbridge.core.matching.evaluation import evaluate_split, ndcg, recall, reciprocal_rank


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
