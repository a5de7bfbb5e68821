"""The matching engine: a pool of items, and the best matches for any query.

Scoring (``docs/matching.md`` has the measurements behind each choice):

    dense(q, x)      = cos(c(q), c(x)) + w_a · profile(q) · profile(x), c = per-language
                       mean-centring and alignment, re-normalised; profiles over the
                       parallel anchor sentences (:mod:`.anchor_profiles`), w_a = 0.25
    lexical(q, x)    = BM25(q, x) / max(BM25(q, q), median_x BM25(x, x)) over
                       language-neutral terms (trilingual concepts and codes): 0–1,
                       and modest for a query that names only one or two concepts
    s'(q, x)         = each of the two standardised per language pair
                       (:mod:`~techbridge.core.matching.pair_scaling`)
    structured(q, x) = mean of the structured signals both items carry, or none
    hybrid(q, x)     = their weighted sum (:mod:`~techbridge.core.matching.fusion`)

For a pool larger than ``candidates_per_signal``, the dense index, the anchor profiles
and the lexical index each propose that many candidates and the union is scored with
all signals; smaller pools are scored exhaustively.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from techbridge.core.matching.alignment_maps import rotations_for
from techbridge.core.matching.anchor_profiles import (
    AnchorProfiles,
    PoolProfiles,
    anchor_embeddings,
)
from techbridge.core.matching.concepts import ConceptLexicon, default_lexicon
from techbridge.core.matching.encoders import Encoder, Role
from techbridge.core.matching.fusion import Match, QueryMatches, fuse
from techbridge.core.matching.indexes import ExactIndex, VectorIndex, create_index
from techbridge.core.matching.items import MatchItem
from techbridge.core.matching.language_bias import (
    LanguageBiasCorrector,
    LanguageMeans,
    blend_means,
)
from techbridge.core.matching.lexical import Bm25Index, neutral_terms, top_indices
from techbridge.core.matching.pair_scaling import (
    PairScaling,
    dense_pair_scaling,
    lexical_pair_scaling,
)
from techbridge.core.matching.preparation import (
    encode_in_length_order,
    prepare_text,
    resolve_language,
)
from techbridge.core.matching.reference_statistics import reference_means
from techbridge.core.matching.settings import MatchMode, MatchSettings
from techbridge.core.matching.structured import structured_evidence
from techbridge.core.text import Language

IndexFactory = Callable[[int, int], VectorIndex]
ProgressCallback = Callable[[int], None]

#: Texts encoded per encoder call while adding a pool (progress is reported per call).
ENCODING_BATCH = 1024


def _default_index_factory(dimension: int, expected_size: int) -> VectorIndex:
    return create_index(dimension, expected_size)


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
        index_factory: IndexFactory = _default_index_factory,
    ) -> None:
        self.settings = settings or MatchSettings()
        if encoder is None and self.settings.mode != "lexical":
            raise ValueError("an encoder is needed unless the mode is 'lexical'")
        self.encoder = encoder
        self.lexicon = lexicon or default_lexicon()
        self._index_factory = index_factory
        self._reference = reference
        if reference is None and encoder is not None and self._uses_reference():
            self._reference = reference_means(encoder, self.settings.pool_role)
        self._rotations = None
        if encoder is not None and self.settings.bias_correction == "centre_align":
            self._rotations = rotations_for(encoder, self.settings.pool_role)
        self._anchor_embeddings = None
        if encoder is not None and self.settings.anchor_weight > 0:
            self._anchor_embeddings = anchor_embeddings(encoder, self.settings.pool_role)
        self._items: dict[str, MatchItem] = {}
        self._terms: dict[str, Counter[str]] = {}
        self._lexical = Bm25Index()
        self._raw = ExactIndex(encoder.dimension) if encoder is not None else None
        self._observed_vectors: list[NDArray[np.float32]] = []
        self._observed_terms: list[Counter[str]] = []
        self._observed_languages: list[Language] = []
        # Derived state, rebuilt lazily after the pool changes.
        self._corrector: LanguageBiasCorrector | None = None
        self._anchors: AnchorProfiles | None = None
        self._pool_profiles: PoolProfiles | None = None
        self._dense: VectorIndex | None = None
        self._dense_scaling: PairScaling | None = None
        self._lexical_scaling: PairScaling | None = None
        self._hubness: dict[str, float] | None = None

    def _uses_reference(self) -> bool:
        return self.settings.use_reference_statistics and self.settings.bias_correction != "none"

    # ------------------------------------------------------------------ the pool

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def item(self, item_id: str) -> MatchItem:
        """A pool item, with its resolved language."""
        return self._items[item_id]

    def terms(self, item_id: str) -> Counter[str]:
        """The language-neutral terms (concepts, codes) of a pool item."""
        return self._terms[item_id]

    def term_weight(self, term: str) -> float:
        """How specific a term is in this pool (its BM25 idf; 0 if unknown)."""
        return self._lexical.idf(term)

    def add(self, items: Sequence[MatchItem], progress: ProgressCallback | None = None) -> None:
        """Add items to the pool (replacing items with the same id).

        Raises :class:`~techbridge.core.matching.preparation.UnusableTextError` for an
        item that cannot be matched, before anything is added.
        """
        resolved = [resolve_language(item) for item in items]
        vectors = self._encode(resolved, self.settings.pool_role, progress)
        for item in resolved:
            self._items[item.id] = item
            self._terms[item.id] = self.neutral_terms(item)
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
        for position, item in enumerate(resolved):
            assert item.language is not None
            self._observed_languages.append(item.language)
            self._observed_terms.append(self.neutral_terms(item))
            if vectors is not None:
                self._observed_vectors.append(vectors[position])
        self._invalidate()

    # ------------------------------------------------------------------ matching

    def match(
        self, queries: Sequence[MatchItem], top: int = 10, mode: MatchMode | None = None
    ) -> list[QueryMatches]:
        """The ``top`` best pool items for each query, in query order.

        A pool item with the query's own id is never its match.
        """
        mode = mode or self.settings.mode
        resolved = [resolve_language(query) for query in queries]
        dense_queries: NDArray[np.float32] | None = None
        dense_candidates: list[list[tuple[str, float]]] = [[] for _ in resolved]
        profiles = None
        if mode != "lexical":
            dense_queries = self.encode_corrected(resolved, self.settings.query_role)
            dense_candidates = self._dense_index().search(dense_queries, self._candidate_count(top))
            profiles = self.profiles_of(dense_queries, [self._resolved(q) for q in resolved])
        lexical_ids = self._lexical.document_ids()
        results: list[QueryMatches] = []
        for position, query in enumerate(resolved):
            lexical_scores = self._lexical_scores(self.neutral_terms(query))
            candidates = {item_id for item_id, _ in dense_candidates[position]}
            if profiles is not None:
                candidates.update(
                    self.pool_profiles().nearest(profiles[position], self._candidate_count(top))
                )
            if mode != "dense":
                order = top_indices(lexical_scores, self._candidate_count(top))
                candidates.update(lexical_ids[row] for row in order if lexical_scores[row] > 0)
            if mode == "lexical":
                # Too little lexical evidence: fill up in pool order so every query gets
                # ``top`` results, as in the other modes.
                for item_id in self._items:
                    if len(candidates) > top:
                        break
                    candidates.add(item_id)
            candidates.discard(query.id)
            ordered = sorted(candidates)
            dense = None
            if dense_queries is not None:
                dense_raw = self.dense_similarities(dense_queries[position], ordered)
                if self.settings.hubness_correction == "csls":
                    dense_raw = self._csls(dense_raw, dense_candidates[position], ordered)
                if profiles is not None:
                    anchored = self.pool_profiles().similarities(profiles[position], ordered)
                    dense_raw += (self.settings.anchor_weight * anchored).astype(np.float32)
                dense = self._scale(self.dense_scaling(), query, dense_raw, ordered)
            lexical = self._scale(
                self.lexical_scaling(),
                query,
                lexical_scores[self._lexical.rows_of(ordered)],
                ordered,
            )
            matches = [
                self._fuse(
                    mode,
                    query,
                    item_id,
                    None if dense is None else float(dense[index]),
                    float(lexical[index]),
                )
                for index, item_id in enumerate(ordered)
            ]
            matches.sort(key=lambda match: (-match.score, match.id))
            results.append(QueryMatches(query.id, matches[:top]))
        return results

    def _fuse(
        self, mode: MatchMode, query: MatchItem, item_id: str, dense: float | None, lexical: float
    ) -> Match:
        structured = structured_evidence(query, self._items[item_id]).score
        score = fuse(mode, self.settings, dense, lexical, structured)
        return Match(item_id, score, dense, lexical, structured)

    def _scale(
        self,
        scaling: PairScaling,
        query: MatchItem,
        scores: NDArray[np.float32] | NDArray[np.float64],
        item_ids: Sequence[str],
    ) -> NDArray[np.float64]:
        assert query.language is not None
        return scaling.rescale(scores, query.language, [self._language(i) for i in item_ids])

    # ------------------------------------------------------------------ lexical side

    def neutral_terms(self, item: MatchItem) -> Counter[str]:
        """The language-neutral terms of any item (its language must be resolved)."""
        assert item.language is not None
        return neutral_terms(item.full_text, item.language, self.lexicon)

    def _lexical_scores(
        self, terms: Counter[str], documents: NDArray[np.int64] | None = None
    ) -> NDArray[np.float64]:
        scores = self._lexical.score_all(terms, documents)
        normaliser = max(self._lexical.self_score(terms), self._lexical.typical_self_score())
        return scores / normaliser if normaliser > 0 else scores

    def lexical_scaling(self) -> PairScaling:
        """Per-language-pair scaling of lexical scores for the current pool."""
        if self._lexical_scaling is None:
            self._lexical_scaling = PairScaling.identity()
            if self.settings.scale_language_pairs and len(self) > 0:
                pool_ids = self._lexical.document_ids()
                row_terms = [self._terms[item_id] for item_id in pool_ids] + self._observed_terms
                row_languages = [self._language(item_id) for item_id in pool_ids]
                row_languages += self._observed_languages
                self._lexical_scaling = lexical_pair_scaling(
                    row_terms, row_languages, len(pool_ids), self._lexical_scores
                )
        return self._lexical_scaling

    # ------------------------------------------------------------------ dense side

    def corrector(self) -> LanguageBiasCorrector:
        """The bias correction for the current pool (rebuilt after pool changes)."""
        if self._corrector is None:
            pool_means = None
            if self.settings.use_pool_statistics and self._raw is not None:
                stacked, languages = self._dense_rows()
                if stacked.shape[0]:
                    pool_means = LanguageMeans.from_vectors(stacked, languages)
            reference = self._reference if self._uses_reference() else None
            means = blend_means(reference, pool_means, prior_weight=self.settings.prior_weight)
            self._corrector = LanguageBiasCorrector(
                means,
                self.settings.bias_correction,
                rotations=self._rotations,
                alignment_weight=self.settings.alignment_weight,
            )
        return self._corrector

    def dense_scaling(self) -> PairScaling:
        """Per-language-pair scaling of dense scores for the current pool."""
        if self._dense_scaling is None:
            self._dense_scaling = PairScaling.identity()
            if self.settings.scale_language_pairs and self._raw is not None and len(self) > 0:
                raw, row_languages = self._dense_rows()
                anchored = self._anchor_embeddings is not None
                self._dense_scaling = dense_pair_scaling(
                    raw,
                    row_languages,
                    len(self._raw),
                    self.corrector().correct,
                    self._anchor_scores if anchored else None,
                )
        return self._dense_scaling

    def _anchor_scores(
        self, rows: NDArray[np.float32], languages: Sequence[Language], columns: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        """The weighted anchor-profile term of corrected vectors against pool texts."""
        products = self.pool_profiles().products(self.profiles_of(rows, languages), columns)
        return np.asarray(self.settings.anchor_weight * products, dtype=np.float64)

    def _dense_rows(self) -> tuple[NDArray[np.float32], list[Language]]:
        """Raw vectors of the pool, then of the observed texts, and their languages."""
        assert self._raw is not None
        rows = self._raw.vectors()
        if self._observed_vectors:
            rows = np.concatenate([rows, np.stack(self._observed_vectors)])
        languages = [self._language(item_id) for item_id in self._raw.ids()]
        return rows, languages + self._observed_languages[: len(self._observed_vectors)]

    def profiles_of(
        self, vectors: NDArray[np.float32], languages: Sequence[Language]
    ) -> sparse.csr_matrix | None:
        """Anchor profiles of bias-corrected vectors (``None`` when anchors are off)."""
        if self._anchor_embeddings is None:
            return None
        if self._anchors is None:
            corrector = self.corrector()
            self._anchors = AnchorProfiles(
                {
                    language: corrector.correct(raw, [language] * raw.shape[0])
                    for language, raw in self._anchor_embeddings.items()
                }
            )
        return self._anchors.profiles(vectors, languages)

    def pool_profiles(self) -> PoolProfiles:
        """The anchor profiles of the pool (anchors must be on)."""
        if self._pool_profiles is None:
            self._dense_index()  # needed for matching anyway; an exact one lends its vectors
            ids, vectors = self.corrected_pool_vectors()
            profiles = self.profiles_of(vectors, [self._language(item_id) for item_id in ids])
            assert profiles is not None, "anchor profiles are off"
            self._pool_profiles = PoolProfiles(ids, profiles)
        return self._pool_profiles

    def corrected_pool_vectors(self) -> tuple[list[str], NDArray[np.float32]]:
        """Pool ids and their bias-corrected vectors (read-only: an exact dense index's
        own matrix once it is built)."""
        if self._raw is None:
            raise ValueError("a lexical-only engine has no vectors")
        if isinstance(self._dense, ExactIndex):
            return self._dense.ids(), self._dense.vectors()
        ids = self._raw.ids()
        languages = [self._language(item_id) for item_id in ids]
        return ids, self.corrector().correct(self._raw.vectors(), languages)

    def encode_corrected(self, items: Sequence[MatchItem], role: Role) -> NDArray[np.float32]:
        """Bias-corrected vectors of arbitrary items (languages resolved as in ``match``)."""
        resolved = [resolve_language(item) for item in items]
        raw = self._encode(resolved, role, None)
        if raw is None:
            raise ValueError("a lexical-only engine has no encoder")
        return self.corrector().correct(raw, [self._resolved(item) for item in resolved])

    def _dense_index(self) -> VectorIndex:
        if self._dense is None:
            ids, vectors = self.corrected_pool_vectors()
            index = self._index_factory(vectors.shape[1], len(ids))
            if ids:
                index.add(ids, vectors)
            self._dense = index
        return self._dense

    def dense_similarities(
        self, query: NDArray[np.float32], item_ids: Sequence[str]
    ) -> NDArray[np.float32]:
        """Cosines of a bias-corrected vector with the given pool items."""
        assert self._raw is not None
        raw = self._raw.vectors_of(item_ids)
        corrected = self.corrector().correct(raw, [self._language(item_id) for item_id in item_ids])
        scores: NDArray[np.float32] = corrected @ query
        return scores

    def _csls(
        self,
        scores: NDArray[np.float32],
        query_neighbours: list[tuple[str, float]],
        item_ids: Sequence[str],
    ) -> NDArray[np.float32]:
        count = self.settings.hubness_neighbours
        query_hubness = float(np.mean([score for _, score in query_neighbours[:count]] or [0.0]))
        item_hubness = self._pool_hubness()
        adjusted: NDArray[np.float32] = scores - 0.5 * (
            query_hubness + np.array([item_hubness[item_id] for item_id in item_ids], np.float32)
        )
        return adjusted

    def _pool_hubness(self) -> dict[str, float]:
        """Each pool item's mean similarity to its nearest pool neighbours (itself excluded)."""
        if self._hubness is None:
            ids = self._raw.ids() if self._raw is not None else []
            hubness = self.hubness_of(ids, self.settings.hubness_neighbours)
            self._hubness = dict(zip(ids, hubness.tolist(), strict=True))
        return self._hubness

    # ------------------------------------------------------------------ neighbourhoods

    def dense_neighbours(
        self, vectors: NDArray[np.float32], count: int
    ) -> list[list[tuple[str, float]]]:
        """For each bias-corrected vector, its ``count`` nearest pool items, best first."""
        return self._dense_index().search(vectors, count)

    def lexical_neighbours(self, terms: Counter[str], count: int) -> list[str]:
        """The ``count`` pool items sharing most of ``terms`` (BM25), best first; items
        sharing none are left out."""
        scores = self._lexical.score_all(terms)
        ids = self._lexical.document_ids()
        return [ids[row] for row in top_indices(scores, count) if scores[row] > 0]

    def hubness_of(self, item_ids: Sequence[str], count: int) -> NDArray[np.float32]:
        """Each pool item's mean similarity to its ``count`` nearest other pool items."""
        if not item_ids:
            return np.zeros(0, dtype=np.float32)
        assert self._raw is not None
        vectors = self.corrector().correct(
            self._raw.vectors_of(item_ids), [self._language(item_id) for item_id in item_ids]
        )
        found = self._dense_index().search(vectors, count + 1)
        return np.array(
            [
                np.mean([score for other, score in near if other != item_id][:count] or [0.0])
                for item_id, near in zip(item_ids, found, strict=True)
            ],
            dtype=np.float32,
        )

    def _candidate_count(self, top: int) -> int:
        return max(self.settings.candidates_per_signal, top + 1)

    # ------------------------------------------------------------------ helpers

    def _language(self, item_id: str) -> Language:
        return self._resolved(self._items[item_id])

    @staticmethod
    def _resolved(item: MatchItem) -> Language:
        assert item.language is not None
        return item.language

    def _encode(
        self, items: Sequence[MatchItem], role: Role, progress: ProgressCallback | None
    ) -> NDArray[np.float32] | None:
        if self.encoder is None:
            return None
        prepared = [
            prepare_text(item.full_text, self._resolved(item), self.settings.max_tokens)
            for item in items
        ]
        return encode_in_length_order(
            self.encoder, prepared, role, ENCODING_BATCH, self.settings.max_tokens, progress
        )

    def _invalidate(self) -> None:
        self._corrector = None
        self._anchors = None
        self._pool_profiles = None
        self._dense = None
        self._dense_scaling = None
        self._lexical_scaling = None
        self._hubness = None
