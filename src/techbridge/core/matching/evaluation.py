"""Ranking quality measures for matching: nDCG@k, MRR, Recall@k, split by language.

Graded relevance: 2 = solves it, 1 = related, unlisted = 0. Gains are 2^grade − 1.

Same-language vs cross-language split: for a query, its same-language figure is
computed on its ranking with the cross-language relevant items removed, judged by its
same-language relevant items only; the cross-language figure the other way round.
Non-relevant items stay in both rankings, so each figure answers "how well are the
relevant items of this kind ranked among the distractors". A query counts in a split
only if it has relevant items of that kind.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Judgements = Mapping[str, Mapping[str, int]]  # query id -> item id -> grade


def _gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(ranking: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` items."""
    return sum(
        _gain(grades.get(item_id, 0)) / math.log2(position + 2)
        for position, item_id in enumerate(ranking[:k])
    )


def ndcg(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float | None:
    """nDCG@k, or ``None`` when nothing is relevant."""
    ideal_order = sorted((grade for grade in grades.values() if grade > 0), reverse=True)
    ideal = sum(
        _gain(grade) / math.log2(position + 2) for position, grade in enumerate(ideal_order[:k])
    )
    if ideal == 0:
        return None
    return dcg(ranking, grades, k) / ideal


def reciprocal_rank(ranking: Sequence[str], grades: Mapping[str, int]) -> float | None:
    """1 / rank of the first relevant item (0 if none is ranked), ``None`` if none exists."""
    if not any(grade > 0 for grade in grades.values()):
        return None
    for position, item_id in enumerate(ranking):
        if grades.get(item_id, 0) > 0:
            return 1.0 / (position + 1)
    return 0.0


def recall(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float | None:
    """Share of the relevant items found in the first ``k``, ``None`` if none exists."""
    relevant = {item_id for item_id, grade in grades.items() if grade > 0}
    if not relevant:
        return None
    return len(relevant & set(ranking[:k])) / len(relevant)


@dataclass(frozen=True)
class QualityReport:
    """Mean figures over queries; ``None`` where no query qualifies."""

    ndcg: float | None
    mrr: float | None
    recall: float | None
    query_count: int


@dataclass(frozen=True)
class SplitReport:
    """Figures overall, on same-language and on cross-language relevant pairs, and the
    mean share of each query's top ``k`` written in the query's own language."""

    overall: QualityReport
    same_language: QualityReport
    cross_language: QualityReport
    own_language_share: float

    @property
    def cross_to_same_ratio(self) -> float | None:
        """Cross-language nDCG as a fraction of same-language nDCG."""
        same, cross = self.same_language.ndcg, self.cross_language.ndcg
        if same is None or cross is None or same == 0:
            return None
        return cross / same


def _mean(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def _report(rankings: Mapping[str, Sequence[str]], judgements: Judgements, k: int) -> QualityReport:
    ndcgs: list[float | None] = []
    ranks: list[float | None] = []
    recalls: list[float | None] = []
    for query_id, grades in judgements.items():
        ranking = rankings.get(query_id, [])
        ndcgs.append(ndcg(ranking, grades, k))
        ranks.append(reciprocal_rank(ranking, grades))
        recalls.append(recall(ranking, grades, k))
    counted = sum(1 for value in ndcgs if value is not None)
    return QualityReport(_mean(ndcgs), _mean(ranks), _mean(recalls), counted)


def evaluate_split(
    rankings: Mapping[str, Sequence[str]],
    judgements: Judgements,
    languages: Mapping[str, str],
    k: int = 10,
) -> SplitReport:
    """Overall, same-language and cross-language figures (see the module docstring).

    ``rankings`` maps query ids to ranked item ids (at least ``k`` long for exact
    figures); ``languages`` gives the language of every query and item.
    """
    same: dict[str, dict[str, int]] = {}
    cross: dict[str, dict[str, int]] = {}
    same_rankings: dict[str, list[str]] = {}
    cross_rankings: dict[str, list[str]] = {}
    shares: list[float] = []
    for query_id, grades in judgements.items():
        language = languages[query_id]
        ranking = list(rankings.get(query_id, []))
        same_grades = {i: g for i, g in grades.items() if g > 0 and languages[i] == language}
        cross_grades = {i: g for i, g in grades.items() if g > 0 and languages[i] != language}
        if same_grades:
            same[query_id] = same_grades
            same_rankings[query_id] = [i for i in ranking if i not in cross_grades]
        if cross_grades:
            cross[query_id] = cross_grades
            cross_rankings[query_id] = [i for i in ranking if i not in same_grades]
        top = ranking[:k]
        if top:
            shares.append(sum(1 for i in top if languages[i] == language) / len(top))
    return SplitReport(
        overall=_report(rankings, judgements, k),
        same_language=_report(same_rankings, same, k),
        cross_language=_report(cross_rankings, cross, k),
        own_language_share=sum(shares) / len(shares) if shares else 0.0,
    )


def ratio_interval(
    rankings: Mapping[str, Sequence[str]],
    judgements: Judgements,
    languages: Mapping[str, str],
    k: int = 10,
    *,
    samples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float] | None:
    """A bootstrap interval for the cross/same nDCG ratio: the queries are resampled with
    replacement ``samples`` times and the ratio of the two means recomputed; the central
    ``level`` of those ratios is returned (``None`` if a split has no query). It shows how
    much the ratio of a few dozen queries owes to which queries happen to be in the set."""
    same_values: list[float] = []
    cross_values: list[float] = []
    for query_id in judgements:
        report = evaluate_split(rankings, {query_id: judgements[query_id]}, languages, k)
        same, cross = report.same_language.ndcg, report.cross_language.ndcg
        same_values.append(math.nan if same is None else same)
        cross_values.append(math.nan if cross is None else cross)
    same_array, cross_array = np.array(same_values), np.array(cross_values)
    if np.isnan(same_array).all() or np.isnan(cross_array).all():
        return None
    generator = np.random.default_rng(seed)
    drawn = generator.integers(0, len(same_values), size=(samples, len(same_values)))
    same_sums = np.nansum(same_array[drawn], axis=1)
    same_counts = np.sum(~np.isnan(same_array[drawn]), axis=1)
    cross_sums = np.nansum(cross_array[drawn], axis=1)
    cross_counts = np.sum(~np.isnan(cross_array[drawn]), axis=1)
    usable = (same_counts > 0) & (cross_counts > 0) & (same_sums > 0)
    ratios = (cross_sums[usable] / cross_counts[usable]) / (same_sums[usable] / same_counts[usable])
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(ratios, [tail, 100 - tail])
    return float(low), float(high)
