"""The matching engine: a pool of items, and the best matches for any query.

Scoring (``docs/matching.md`` has the measurements behind each choice):

    dense(q, x)      = cos(c(q), c(x)), c = per-language mean-centring, re-normalised
    lexical(q, x)    = BM25(q, x) / BM25(q, q) over language-neutral terms
                       (trilingual concepts and codes), so 0–1 and comparable across
                       language pairs
    structured(q, x) = mean of the structured signals both items carry, or none
    hybrid(q, x)     = (dense + w_l · lexical + w_s · (structured − 0.5)) / (1 + w_l)

A missing structured score counts as neutral (the −0.5 centres it), so items without
structured data are neither helped nor hurt.

For a pool larger than ``candidates_per_signal``, the dense index and the lexical index
each propose that many candidates and the union is scored with all signals; smaller
pools are scored exhaustively.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.concepts import ConceptLexicon, default_lexicon
from techbridge.core.matching.encoders import Encoder
from techbridge.core.matching.indexes import ExactIndex, VectorIndex, create_index
from techbridge.core.matching.items import MatchItem
from techbridge.core.matching.language_bias import (
    LanguageBiasCorrector,
    LanguageMeans,
    blend_means,
)
from techbridge.core.matching.lexical import Bm25Index, neutral_terms
from techbridge.core.matching.preparation import prepare_text, resolve_language
from techbridge.core.matching.reference_statistics import reference_means
from techbridge.core.matching.settings import MatchMode, MatchSettings
from techbridge.core.matching.structured import structured_evidence
from techbridge.core.text import Language

IndexFactory = Callable[[int, int], VectorIndex]
ProgressCallback = Callable[[int], None]

#: Texts encoded per encoder call while adding a pool (progress is reported per batch).
ENCODING_BATCH = 64


@dataclass(frozen=True)
class Match:
    """One matched item: its fused score and the signals behind it."""

    id: str
    score: float
    dense: float | None
    lexical: float | None
    structured: float | None


@dataclass(frozen=True)
class QueryMatches:
    """The matches of one query, best first."""

    query_id: str
    matches: list[Match]


class MatchEngine:
    """Holds a pool of items and matches queries against it.

    ``encoder`` may be ``None`` only for ``mode="lexical"``. Items are given with or
    without a language (detected when absent). Adding or removing items is cheap; the
    language statistics and the dense index are rebuilt lazily on the next query.
    """

    def __init__(
        self,
        encoder: Encoder | None,
        settings: MatchSettings | None = None,
        *,
        lexicon: ConceptLexicon | None = None,
        reference: LanguageMeans | None = None,
        index_factory: IndexFactory = lambda dimension, size: create_index(dimension, size),
    ) -> None:
        self.settings = settings or MatchSettings()
        if encoder is None and self.settings.mode != "lexical":
            raise ValueError("an encoder is needed unless the mode is 'lexical'")
        self.encoder = encoder
        self.lexicon = lexicon or default_lexicon()
        self._index_factory = index_factory
        self._reference = reference
        if (
            reference is None
            and encoder is not None
            and self.settings.use_reference_statistics
            and self.settings.bias_correction != "none"
        ):
            self._reference = reference_means(encoder, self.settings.pool_role)
        self._items: dict[str, MatchItem] = {}
        self._terms: dict[str, Counter[str]] = {}
        self._lexical = Bm25Index()
        self._raw = ExactIndex(encoder.dimension) if encoder is not None else None
        self._observed: list[tuple[NDArray[np.float32], Language]] = []
        self._corrector: LanguageBiasCorrector | None = None
        self._dense: VectorIndex | None = None

    # ----------------------------------------------------------------- the pool

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def item(self, item_id: str) -> MatchItem:
        """A pool item (with its resolved language)."""
        return self._items[item_id]

    def add(self, items: Sequence[MatchItem], progress: ProgressCallback | None = None) -> None:
        """Add items to the pool (replacing items with the same id).

        Raises :class:`~techbridge.core.matching.preparation.UnusableTextError` for an
        item that cannot be matched, before anything is added.
        """
        resolved = [resolve_language(item) for item in items]
        vectors = self._encode(resolved, self.settings.pool_role, progress)
        for item in resolved:
            self._items[item.id] = item
            self._terms[item.id] = self._neutral_terms(item)
            self._lexical.add(item.id, self._terms[item.id])
        if self._raw is not None and vectors is not None:
            self._raw.add([item.id for item in resolved], vectors)
        self._invalidate()

    def remove(self, item_ids: Sequence[str]) -> None:
        """Remove items from the pool; unknown ids are ignored."""
        for item_id in item_ids:
            self._items.pop(item_id, None)
            self._terms.pop(item_id, None)
        self._lexical.remove(item_ids)
        if self._raw is not None:
            self._raw.remove(item_ids)
        self._invalidate()

    def observe(self, items: Sequence[MatchItem], progress: ProgressCallback | None = None) -> None:
        """Let texts that are not in the pool (typically the queries of a batch) count
        in the language statistics. Their embeddings land in the encoder's cache if it
        has one, so matching them afterwards does not encode them again."""
        resolved = [resolve_language(item) for item in items]
        vectors = self._encode(resolved, self.settings.query_role, progress)
        if vectors is not None:
            for item, vector in zip(resolved, vectors, strict=True):
                assert item.language is not None
                self._observed.append((vector, item.language))
            self._invalidate()

    # ----------------------------------------------------------------- matching

    def match(
        self, queries: Sequence[MatchItem], top: int = 10, mode: MatchMode | None = None
    ) -> list[QueryMatches]:
        """The ``top`` best pool items for each query, in query order.

        A pool item with the query's own id is never its match.
        """
        mode = mode or self.settings.mode
        resolved = [resolve_language(query) for query in queries]
        dense_queries: NDArray[np.float32] | None = None
        if mode != "lexical":
            raw = self._encode(resolved, self.settings.query_role, None)
            assert raw is not None
            dense_queries = self.corrector().correct(raw, [query.language for query in resolved])  # type: ignore[misc]
        dense_candidates = (
            self._dense_candidates(dense_queries, top) if dense_queries is not None else None
        )
        lexical_ids = self._lexical.document_ids()
        results: list[QueryMatches] = []
        for position, query in enumerate(resolved):
            terms = self._neutral_terms(query)
            lexical_scores = self._lexical.score_all(terms)
            normaliser = self._lexical.self_score(terms)
            if normaliser > 0:
                lexical_scores = lexical_scores / normaliser
            lexical_by_id = dict(zip(lexical_ids, lexical_scores, strict=True))
            candidates: set[str] = set()
            dense_by_id: dict[str, float] = {}
            if dense_candidates is not None:
                dense_by_id = dict(dense_candidates[position])
                candidates.update(dense_by_id)
            if mode != "dense":
                count = self._candidate_count(top)
                order = np.argsort(-lexical_scores, kind="stable")[:count]
                candidates.update(lexical_ids[row] for row in order if lexical_scores[row] > 0)
            if mode == "lexical" and len(candidates) < top + 1:
                # Too little lexical evidence: fill up in pool order so every query
                # gets ``top`` results, as the other modes do.
                for item_id in self._items:
                    if len(candidates) > top:
                        break
                    candidates.add(item_id)
            candidates.discard(query.id)
            if dense_queries is not None:
                missing = [item_id for item_id in candidates if item_id not in dense_by_id]
                dense_by_id.update(self._dense_scores(dense_queries[position], missing))
            matches = [
                self._fuse(
                    mode, query, item_id, dense_by_id.get(item_id), lexical_by_id.get(item_id, 0.0)
                )
                for item_id in candidates
            ]
            matches.sort(key=lambda match: (-match.score, match.id))
            results.append(QueryMatches(query.id, matches[:top]))
        return results

    def _fuse(
        self, mode: MatchMode, query: MatchItem, item_id: str, dense: float | None, lexical: float
    ) -> Match:
        structured = structured_evidence(query, self._items[item_id]).score
        if mode == "dense":
            score = dense if dense is not None else -1.0
        elif mode == "lexical":
            score = lexical
        else:
            weights = self.settings
            score = (dense if dense is not None else 0.0) + weights.lexical_weight * lexical
            if structured is not None:
                score += weights.structured_weight * (structured - 0.5)
            score /= 1.0 + weights.lexical_weight
        return Match(item_id, float(score), dense, lexical, structured)

    # ----------------------------------------------------------------- dense internals

    def corrector(self) -> LanguageBiasCorrector:
        """The bias correction for the current pool (rebuilt after pool changes)."""
        if self._corrector is None:
            pool_means = None
            if self.settings.use_pool_statistics and self._raw is not None:
                vectors = [self._raw.vectors()]
                languages: list[Language] = [self._language(item_id) for item_id in self._raw.ids()]
                if self._observed:
                    vectors.append(np.stack([vector for vector, _ in self._observed]))
                    languages.extend(language for _, language in self._observed)
                stacked = np.concatenate(vectors, axis=0)
                if stacked.shape[0]:
                    pool_means = LanguageMeans.from_vectors(stacked, languages)
            reference = self._reference if self.settings.use_reference_statistics else None
            means = blend_means(reference, pool_means, prior_weight=self.settings.prior_weight)
            self._corrector = LanguageBiasCorrector(means, self.settings.bias_correction)
        return self._corrector

    def corrected_pool_vectors(self) -> tuple[list[str], NDArray[np.float32]]:
        """Pool ids and their bias-corrected vectors (for benchmarks and duplicates)."""
        if self._raw is None:
            raise ValueError("a lexical-only engine has no vectors")
        ids = self._raw.ids()
        languages = [self._language(item_id) for item_id in ids]
        return ids, self.corrector().correct(self._raw.vectors(), languages)

    def corrected_vectors(
        self, items: Sequence[MatchItem], role: str = "query"
    ) -> NDArray[np.float32]:
        """Bias-corrected vectors of arbitrary items (languages resolved as in ``match``)."""
        resolved = [resolve_language(item) for item in items]
        raw = self._encode(
            resolved, self.settings.query_role if role == "query" else self.settings.pool_role, None
        )
        assert raw is not None
        return self.corrector().correct(raw, [item.language for item in resolved])  # type: ignore[misc]

    def _dense_index(self) -> VectorIndex:
        if self._dense is None:
            ids, vectors = self.corrected_pool_vectors()
            index = self._index_factory(vectors.shape[1], len(ids))
            if ids:
                index.add(ids, vectors)
            self._dense = index
        return self._dense

    def _dense_candidates(
        self, queries: NDArray[np.float32], top: int
    ) -> list[list[tuple[str, float]]]:
        return self._dense_index().search(queries, self._candidate_count(top))

    def _dense_scores(self, query: NDArray[np.float32], item_ids: list[str]) -> dict[str, float]:
        if not item_ids or self._raw is None:
            return {}
        rows = self._raw.ids()
        position = {item_id: row for row, item_id in enumerate(rows)}
        raw = self._raw.vectors()[[position[item_id] for item_id in item_ids]]
        corrected = self.corrector().correct(raw, [self._language(item_id) for item_id in item_ids])
        return dict(zip(item_ids, (corrected @ query).tolist(), strict=True))

    def _candidate_count(self, top: int) -> int:
        return max(self.settings.candidates_per_signal, top + 1)

    # ----------------------------------------------------------------- helpers

    def _language(self, item_id: str) -> Language:
        language = self._items[item_id].language
        assert language is not None
        return language

    def _neutral_terms(self, item: MatchItem) -> Counter[str]:
        assert item.language is not None
        return neutral_terms(item.full_text, item.language, self.lexicon)

    def _encode(
        self, items: Sequence[MatchItem], role: str, progress: ProgressCallback | None
    ) -> NDArray[np.float32] | None:
        if self.encoder is None:
            return None
        texts = [
            prepare_text(item.full_text, item.language, self.settings.max_tokens).text  # type: ignore[arg-type]
            for item in items
        ]
        parts: list[NDArray[np.float32]] = []
        for start in range(0, len(texts), ENCODING_BATCH):
            batch = texts[start : start + ENCODING_BATCH]
            parts.append(self.encoder.encode(batch, "query" if role == "query" else "passage"))
            if progress is not None:
                progress(len(batch))
        if not parts:
            return np.zeros((0, self.encoder.dimension), dtype=np.float32)
        return np.concatenate(parts, axis=0)

    def _invalidate(self) -> None:
        self._corrector = None
        self._dense = None
