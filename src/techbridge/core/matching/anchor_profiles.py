"""Anchor profiles: a text described by the parallel sentences it resembles most.

After centring and alignment, a Chinese need and the Russian offer that solves it are
still less alike than two texts of one language (``docs/matching.md``: dense-only
cross-language nDCG@10 0.75 against 0.92 within a language). Anchor profiles add a
second, language-neutral view of the same embeddings, in the spirit of cross-language
explicit semantic analysis (Potthast, Stein and Anderka, 2008), which describes a text
by its similarity to comparable documents of every language.

The anchors are TechBridge's parallel sentences (``data/parallel/``): sentence i exists
in Chinese, Russian and English. A text in language L is compared with the L version of
every anchor only, a comparison within one language, where the embedding is reliable.
Its profile keeps the ``top`` most similar anchors, each similarity cubed (so the
closest anchors dominate), and is normalised to length 1:

    profile(x)_i = s_i³ / ‖s³‖  for the top anchors i,  s_i = cos(c(x), c(anchor_i^L))

Two texts of different languages that resemble the same anchors get similar profiles,
whatever their languages; the engine adds ``anchor_weight`` × profile(q)·profile(x) to
the dense cosine. Profiles are sparse (``top`` of a few thousand anchors), so pool
profiles are stored as a sparse matrix and also propose candidates.

Measured on both development sets (``bench/matching_quality.py``, ``docs/matching.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from techbridge.core.matching.alignment_maps import encode_parallel, shipped_parallel_sentences
from techbridge.core.matching.encoders import EMBEDDED_MODELS, Encoder, Role
from techbridge.core.text import SUPPORTED_LANGUAGES, Language

#: Anchors kept in each profile.
ANCHOR_TOP = 50
#: Each kept similarity is raised to this power.
ANCHOR_POWER = 3.0

#: Texts profiled per matrix product.
_CHUNK = 4096

_PACKAGE = "techbridge.core.matching"
#: The role whose anchor embeddings ship with the embedded encoders (the default
#: ``pool_role``); other roles are encoded on first use.
SHIPPED_ROLE: Role = "query"
#: Raw anchor embeddings by (encoder name, role), loaded or encoded once per process.
_LOADED: dict[tuple[str, Role], dict[Language, NDArray[np.float32]]] = {}


class AnchorProfiles:
    """Profiles of texts against anchors given as bias-corrected unit vectors:
    ``anchors[L]`` row i is anchor sentence i in language L (same order everywhere)."""

    def __init__(
        self,
        anchors: Mapping[Language, NDArray[np.float32]],
        *,
        top: int = ANCHOR_TOP,
        power: float = ANCHOR_POWER,
    ) -> None:
        sizes = {vectors.shape[0] for vectors in anchors.values()}
        if len(sizes) != 1:
            raise ValueError("every language needs the same anchors")
        self.size = sizes.pop()
        self._anchors = dict(anchors)
        self._top = min(top, self.size)
        self._power = power

    def profiles(
        self, vectors: NDArray[np.float32], languages: Sequence[Language]
    ) -> sparse.csr_matrix:
        """One row per vector: its profile over the anchors (see the module docstring)."""
        count = vectors.shape[0]
        columns = np.zeros((count, self._top), dtype=np.int32)
        values = np.zeros((count, self._top), dtype=np.float32)
        by_language: dict[Language, list[int]] = {}
        for row, language in enumerate(languages):
            by_language.setdefault(language, []).append(row)
        for language, rows in by_language.items():
            # In chunks: a million texts against two thousand anchors would be 8 GB.
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                similarities = vectors[chunk] @ self._anchors[language].T
                kept = np.argpartition(-similarities, self._top - 1, axis=1)[:, : self._top]
                chosen = np.take_along_axis(similarities, kept, axis=1)
                columns[chunk] = kept
                values[chunk] = np.sign(chosen) * np.abs(chosen) ** self._power
        norms = np.linalg.norm(values, axis=1, keepdims=True)
        values /= np.maximum(norms, 1e-12)
        pointers = np.arange(0, count * self._top + 1, self._top, dtype=np.int64)
        return sparse.csr_matrix(
            (values.ravel(), columns.ravel(), pointers), shape=(count, self.size)
        )


class PoolProfiles:
    """The profiles of a pool's items, for scoring and for proposing candidates."""

    def __init__(self, ids: Sequence[str], profiles: sparse.csr_matrix) -> None:
        self.ids = list(ids)
        self._row_of = {item_id: row for row, item_id in enumerate(self.ids)}
        self._rows = profiles
        self._columns = profiles.tocsc()

    def similarities(
        self, query: sparse.csr_matrix, item_ids: Sequence[str]
    ) -> NDArray[np.float64]:
        """Profile products of one query profile (a 1-row matrix) with pool items."""
        rows = np.array([self._row_of[item_id] for item_id in item_ids], dtype=np.int64)
        product = self._rows[rows] @ query.T
        return np.asarray(product.toarray(), dtype=np.float64).ravel()

    def products(self, first: sparse.csr_matrix, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        """Profile products of several profiles (rows of ``first``) with pool ``rows``."""
        return np.asarray((first @ self._rows[rows].T).toarray(), dtype=np.float64)

    def nearest(self, query: sparse.csr_matrix, count: int) -> list[str]:
        """The ``count`` pool items with the largest profile products with ``query``
        (only items sharing an anchor with it), best first. Reads only the columns of
        the query's anchors."""
        anchors = query.indices
        if anchors.size == 0 or count <= 0:
            return []
        scores = np.asarray(self._columns[:, anchors] @ query.data).ravel()
        positive = np.flatnonzero(scores > 0)
        if positive.size > count:
            positive = positive[np.argpartition(-scores[positive], count - 1)[:count]]
        order = positive[np.argsort(-scores[positive], kind="stable")]
        return [self.ids[row] for row in order]


def shipped_file(model: str) -> str:
    """Where the anchor embeddings of an embedded encoder ship, inside the package."""
    return f"data/anchors_{model}.npz"


def anchor_embeddings(encoder: Encoder, role: Role) -> dict[Language, NDArray[np.float32]]:
    """Raw embeddings of the anchor sentences: shipped for the embedded encoders in the
    default role, else the package's parallel sentences encoded now (once per process;
    a caching encoder keeps them)."""
    key = (encoder.name, role)
    if key not in _LOADED:
        shipped = _shipped_embeddings(encoder.name, role)
        if shipped is None:
            shipped = encode_parallel(encoder, shipped_parallel_sentences(), role)
        _LOADED[key] = shipped
    return _LOADED[key]


def _shipped_embeddings(model: str, role: Role) -> dict[Language, NDArray[np.float32]] | None:
    if model not in EMBEDDED_MODELS or role != SHIPPED_ROLE:
        return None
    shipped = resources.files(_PACKAGE).joinpath(shipped_file(model))
    if not shipped.is_file():
        return None
    with resources.as_file(shipped) as path, np.load(path) as data:
        return {
            language: data[f"{language}_codes"].astype(np.float32)
            * data[f"{language}_scales"].astype(np.float32)[:, None]
            for language in SUPPORTED_LANGUAGES
        }


def write_shipped_embeddings(
    encoder: Encoder, sentences: Mapping[Language, list[str]], path: Path
) -> None:
    """Encode the anchor ``sentences`` in :data:`SHIPPED_ROLE` and store them in int8
    with one scale per row (cosine error below 10⁻⁴; a quarter of float32's size).
    Written with the rotations by ``python -m techbridge.core.matching.alignment_maps``."""
    arrays: dict[str, NDArray[np.generic]] = {}
    for language, vectors in encode_parallel(encoder, sentences, SHIPPED_ROLE).items():
        scales = np.maximum(np.abs(vectors).max(axis=1), 1e-12) / 127.0
        arrays[f"{language}_codes"] = np.round(vectors / scales[:, None]).astype(np.int8)
        arrays[f"{language}_scales"] = scales.astype(np.float32)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
