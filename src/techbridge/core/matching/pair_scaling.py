"""Putting the scores of every language pair on one scale.

Even after mean-centring, texts of one language resemble each other more than texts
of two languages: on the development pool the top 1% of dense similarities reach 0.34
within Chinese but 0.23 between Chinese and Russian, and the lexical scores behave
alike (shared concepts are named more consistently within one language). A Chinese
need would still meet merely related Chinese offers before the Russian offer that
solves it. Each signal is therefore standardised per language pair:

    scaled(q, x) = (score(q, x) − mean_AB) · spread / spread_AB

where A and B are the languages of q and x, mean_AB is the mean score over pairs of
pool texts in A and B (unrelated texts, almost all of them), spread_AB the distance
from that mean to the 99th percentile (the upper tail is where rankings are decided;
it separated languages better than the standard deviation in the benchmark), and
spread the mean of spread_AB over all pairs, which keeps the scaled score on the
signal's own scale so that fusion weights keep their meaning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from techbridge.core.text import SUPPORTED_LANGUAGES, Language

#: Texts sampled per language to estimate the statistics.
SAMPLE_PER_LANGUAGE = 400

#: Below this many texts in a language its pairs are left unscaled: the tail of too
#: few pairs says nothing reliable.
MINIMUM_TEXTS = 10

#: The percentile that marks the upper tail.
TAIL_PERCENTILE = 99.0

LanguagePair = tuple[Language, Language]

#: Scores of a block of sampled texts (rows) against another block (columns).
BlockScorer = Callable[[NDArray[np.int64], NDArray[np.int64]], NDArray[np.float64]]
#: The anchor-profile term of corrected vectors in some languages against pool texts.
AnchorScorer = Callable[
    [NDArray[np.float32], Sequence[Language], NDArray[np.int64]], NDArray[np.float64]
]


@dataclass(frozen=True)
class PairScaling:
    """Mean and tail spread of a score per language pair (see the module docstring)."""

    means: Mapping[LanguagePair, float]
    spreads: Mapping[LanguagePair, float]
    spread: float

    @staticmethod
    def identity() -> PairScaling:
        """A scaling that changes nothing."""
        return PairScaling({}, {}, 1.0)

    @staticmethod
    def estimate(
        row_languages: Sequence[Language],
        column_languages: Sequence[Language],
        scorer: BlockScorer,
        *,
        seed: int = 0,
    ) -> PairScaling:
        """Estimate from scores of "query-side" texts (rows) against pool texts (columns).

        ``scorer(rows, columns)`` returns the scores of the row texts at positions
        ``rows`` against the column texts at ``columns``. When rows and columns are the
        same texts, give the same positions: self-pairs (equal positions) are left out.
        """
        generator = np.random.default_rng(seed)
        row_samples = _sample_by_language(row_languages, generator)
        column_samples = _sample_by_language(column_languages, generator)
        means: dict[LanguagePair, float] = {}
        spreads: dict[LanguagePair, float] = {}
        for first, rows in row_samples.items():
            for second, columns in column_samples.items():
                block = np.asarray(scorer(rows, columns), dtype=np.float64)
                keep = rows[:, None] != columns[None, :]
                values = block[keep]
                mean = float(values.mean())
                means[first, second] = mean
                spreads[first, second] = max(
                    float(np.percentile(values, TAIL_PERCENTILE)) - mean, 1e-6
                )
        spread = float(np.mean(list(spreads.values()))) if spreads else 1.0
        return PairScaling(means, spreads, spread)

    def rescale(
        self,
        scores: NDArray[np.float32] | NDArray[np.float64],
        query_language: Language,
        item_languages: Sequence[Language],
    ) -> NDArray[np.float64]:
        """Scaled copies of ``scores`` of one query against items in ``item_languages``.

        If any of the language pairs involved has no statistics (too few texts), the
        scores are returned unscaled: scaling some pairs and not others would be worse
        than scaling none.
        """
        result = np.asarray(scores, dtype=np.float64).copy()
        if any((query_language, language) not in self.spreads for language in item_languages):
            return result
        for position, item_language in enumerate(item_languages):
            pair = (query_language, item_language)
            if pair in self.spreads:
                result[position] = (result[position] - self.means[pair]) * (
                    self.spread / self.spreads[pair]
                )
        return result


def lexical_pair_scaling(
    row_terms: Sequence[Counter[str]],
    row_languages: Sequence[Language],
    pool_count: int,
    scores: Callable[[Counter[str], NDArray[np.int64]], NDArray[np.float64]],
) -> PairScaling:
    """The scaling of lexical scores. Rows are the pool's texts (the first ``pool_count``)
    and then observed texts; ``scores(terms, columns)`` scores one row's terms against
    the pool texts at ``columns``."""

    def score_block(rows: NDArray[np.int64], columns: NDArray[np.int64]) -> NDArray[np.float64]:
        return np.stack([scores(row_terms[row], columns) for row in rows])

    return PairScaling.estimate(row_languages, row_languages[:pool_count], score_block)


def dense_pair_scaling(
    raw: NDArray[np.float32],
    row_languages: Sequence[Language],
    pool_count: int,
    correct: Callable[[NDArray[np.float32], Sequence[Language]], NDArray[np.float32]],
    anchor_scores: AnchorScorer | None = None,
) -> PairScaling:
    """The scaling of dense scores from raw vectors: the pool's (the first
    ``pool_count``), then observed texts'. Only the sampled rows are ``correct``-ed.
    ``anchor_scores(rows, languages, columns)``, when given, adds the anchor-profile
    term of corrected rows in ``languages`` against the pool texts at ``columns``."""

    def corrected(positions: NDArray[np.int64]) -> NDArray[np.float32]:
        return correct(raw[positions], [row_languages[i] for i in positions])

    def score_block(first: NDArray[np.int64], second: NDArray[np.int64]) -> NDArray[np.float64]:
        rows = corrected(first)
        scores = (rows @ corrected(second).T).astype(np.float64)
        if anchor_scores is not None:
            scores += anchor_scores(rows, [row_languages[i] for i in first], second)
        return scores

    return PairScaling.estimate(row_languages, row_languages[:pool_count], score_block)


def _sample_by_language(
    languages: Sequence[Language], generator: np.random.Generator
) -> dict[Language, NDArray[np.int64]]:
    codes = np.array(languages)
    samples: dict[Language, NDArray[np.int64]] = {}
    for language in SUPPORTED_LANGUAGES:
        positions = np.flatnonzero(codes == language)
        if positions.size >= MINIMUM_TEXTS:
            if positions.size > SAMPLE_PER_LANGUAGE:
                positions = np.sort(generator.choice(positions, SAMPLE_PER_LANGUAGE, replace=False))
            samples[language] = positions
    return samples
