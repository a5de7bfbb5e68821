"""Near-duplicate detection across languages, for warnings before publication.

A Russian institute that posts the same offer in Russian and, a month later, in
English should be told before the second copy goes online. Two texts are near
duplicates when their duplicate score reaches the threshold:

    duplicate(a, b) = csls(a, b) + 0.3 · lexical(a, b)

* csls(a, b) = cos(a, b) − (r(a) + r(b)) / 2, the bias-corrected cosine minus the mean
  similarity of each text to its ``NEIGHBOURS`` nearest pool texts: a translation is
  closer to its original than to anything else, while two texts on a crowded topic
  are close to many texts (the margin criterion of bitext mining);
* lexical(a, b) = cosine of the two texts' language-neutral term counts (concepts and
  codes): a translation names the same concepts and figures.

``DUPLICATE_THRESHOLD`` was chosen on TechBridge's parallel reference corpus mixed
into the development pool (``bench/duplicates.py``): translations of one passage are
the positives, every other pair a negative; the threshold maximises F1 there (0.80:
86% of the translation pairs found, 62 other pairs flagged among 120,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from techbridge.core.matching.alignment import neighbourhood_means
from techbridge.core.matching.engine import MatchEngine
from techbridge.core.matching.items import MatchItem
from techbridge.core.matching.lexical import term_cosine
from techbridge.core.matching.preparation import resolve_language
from techbridge.core.text import Language

DUPLICATE_THRESHOLD = 0.225
NEIGHBOURS = 5
LEXICAL_WEIGHT = 0.3
#: Pool items scored per new item by :func:`duplicates_of`, from each signal (dense
#: neighbours, shared terms). A copy is among a text's nearest neighbours: on the
#: benchmark (``bench/duplicates.py``) even 10 candidates per signal flag exactly the
#: pairs of the exhaustive comparison; 100 leave a wide margin.
CANDIDATES = 100


@dataclass(frozen=True)
class DuplicatePair:
    """Two items that look like copies of each other."""

    first_id: str
    second_id: str
    score: float
    first_language: Language
    second_language: Language

    @property
    def crosses_languages(self) -> bool:
        return self.first_language != self.second_language


def find_near_duplicates(
    engine: MatchEngine, *, threshold: float = DUPLICATE_THRESHOLD
) -> list[DuplicatePair]:
    """All pairs of pool items whose duplicate score reaches ``threshold``, best first.

    Compares every pair: meant for catalogue-sized pools (tens of thousands of items
    at most) and run in the background.
    """
    ids, vectors = engine.corrected_pool_vectors()
    if len(ids) < 2:
        return []
    similarities = vectors @ vectors.T
    np.fill_diagonal(similarities, -np.inf)
    hubness = neighbourhood_means(similarities, NEIGHBOURS)
    pairs: list[DuplicatePair] = []
    for first in range(len(ids)):
        # Lexical evidence can add at most LEXICAL_WEIGHT: only pairs whose dense part
        # could still reach the threshold are examined further.
        margins = similarities[first, first + 1 :] - (hubness[first] + hubness[first + 1 :]) / 2
        for offset in np.flatnonzero(margins + LEXICAL_WEIGHT >= threshold):
            second = first + 1 + int(offset)
            score = float(margins[offset]) + LEXICAL_WEIGHT * term_cosine(
                engine.terms(ids[first]), engine.terms(ids[second])
            )
            if score >= threshold:
                pairs.append(_pair(engine, ids[first], ids[second], score))
    pairs.sort(key=lambda pair: (-pair.score, pair.first_id, pair.second_id))
    return pairs


def duplicates_of(
    engine: MatchEngine,
    items: Sequence[MatchItem],
    *,
    threshold: float = DUPLICATE_THRESHOLD,
    candidates: int = CANDIDATES,
) -> list[DuplicatePair]:
    """Pool items that new ``items`` would duplicate, best first: the check run before
    publication (``first_id`` is the new item's id; a pool item with that id is the
    item's own earlier version and is skipped).

    Only each new item's ``candidates`` nearest pool items by dense similarity and by
    shared terms are scored, so the check costs a few index searches at any pool size.
    """
    if len(engine) == 0 or not items:
        return []
    resolved = [resolve_language(item) for item in items]
    vectors = engine.encode_corrected(resolved, engine.settings.pool_role)
    nearest = engine.dense_neighbours(vectors, candidates + 1)
    pairs: list[DuplicatePair] = []
    for row, item in enumerate(resolved):
        assert item.language is not None
        found = [(item_id, score) for item_id, score in nearest[row] if item_id != item.id]
        own_hubness = float(np.mean([score for _, score in found[:NEIGHBOURS]] or [0.0]))
        terms = engine.neutral_terms(item)
        ids = list(
            dict.fromkeys(
                [item_id for item_id, _ in found[:candidates]]
                + [i for i in engine.lexical_neighbours(terms, candidates) if i != item.id]
            )
        )
        margins = engine.dense_similarities(vectors[row], ids) - 0.5 * (
            own_hubness + engine.hubness_of(ids, NEIGHBOURS)
        )
        for index in np.flatnonzero(margins + LEXICAL_WEIGHT >= threshold):
            score = float(margins[index]) + LEXICAL_WEIGHT * term_cosine(
                terms, engine.terms(ids[index])
            )
            if score >= threshold:
                pool_language = engine.item(ids[index]).language
                assert pool_language is not None
                pairs.append(
                    DuplicatePair(item.id, ids[index], score, item.language, pool_language)
                )
    pairs.sort(key=lambda pair: (-pair.score, pair.first_id, pair.second_id))
    return pairs


def _pair(engine: MatchEngine, first_id: str, second_id: str, score: float) -> DuplicatePair:
    first_language = engine.item(first_id).language
    second_language = engine.item(second_id).language
    assert first_language is not None and second_language is not None
    return DuplicatePair(first_id, second_id, score, first_language, second_language)
