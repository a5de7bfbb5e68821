"""Vector indexes: the interface, exact numpy search, and the factory choosing an index.

Vectors are L2-normalised, so the score is the inner product (the cosine). Ids are
strings (catalogue keys); adding an id that is present replaces its vector. An
approximate index (usearch) takes over above a size threshold; the Django adapter
may supply a pgvector-backed index that honours the same contract
(``tests/core/matching/index_contract.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

#: An id and its score (inner product), as returned by :meth:`VectorIndex.search`.
Neighbour = tuple[str, float]

#: Above this many vectors the factory chooses the approximate (usearch) index: exact
#: search over 200,000 × 384 float32 takes about 20 ms per query on one core, still
#: inside the 50 ms budget; beyond it the exact scan grows linearly.
APPROXIMATE_INDEX_THRESHOLD = 200_000


class VectorIndex(Protocol):
    """Stores vectors by id and finds the ``k`` with the largest inner product."""

    @property
    def dimension(self) -> int:
        """Length of the stored vectors."""
        ...

    def __len__(self) -> int:
        """Number of stored vectors."""
        ...

    def add(self, ids: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Store one row per id; an id already present gets the new vector."""
        ...

    def remove(self, ids: Iterable[str]) -> None:
        """Forget these ids; unknown ids are ignored."""
        ...

    def search(self, queries: NDArray[np.float32], k: int) -> list[list[Neighbour]]:
        """For each query row, the ``min(k, len(self))`` best ids, best first."""
        ...


def validate_batch(ids: Sequence[str], vectors: NDArray[np.float32], dimension: int) -> None:
    """Raise ``ValueError`` unless ``vectors`` has one row of ``dimension`` per unique id."""
    if vectors.ndim != 2 or vectors.shape[1] != dimension:
        raise ValueError(f"expected vectors of shape (n, {dimension}), got {vectors.shape}")
    if len(ids) != vectors.shape[0]:
        raise ValueError(f"{len(ids)} ids for {vectors.shape[0]} vectors")
    if len(set(ids)) != len(ids):
        raise ValueError("ids within one add() must be unique")


class ExactIndex:
    """Brute-force inner-product search over a float32 matrix.

    Exact, simple and fast enough to 200,000 vectors. The matrix grows by doubling,
    removal moves the last row into the freed slot, so both are cheap.
    """

    def __init__(self, dimension: int, *, query_chunk: int = 256) -> None:
        self._dimension = dimension
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._query_chunk = query_chunk

    @property
    def dimension(self) -> int:
        return self._dimension

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], vectors: NDArray[np.float32]) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        validate_batch(ids, vectors, self._dimension)
        new_rows = [index for index, item_id in enumerate(ids) if item_id not in self._rows]
        for index, item_id in enumerate(ids):
            row = self._rows.get(item_id)
            if row is not None:
                self._vectors[row] = vectors[index]
        needed = len(self._ids) + len(new_rows)
        if needed > self._vectors.shape[0]:
            grown = np.zeros((max(needed, 2 * self._vectors.shape[0]), self._dimension), np.float32)
            grown[: len(self._ids)] = self._vectors[: len(self._ids)]
            self._vectors = grown
        for index in new_rows:
            row = len(self._ids)
            self._vectors[row] = vectors[index]
            self._rows[ids[index]] = row
            self._ids.append(ids[index])

    def remove(self, ids: Iterable[str]) -> None:
        for item_id in ids:
            row = self._rows.pop(item_id, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:
                moved = self._ids[last]
                self._vectors[row] = self._vectors[last]
                self._ids[row] = moved
                self._rows[moved] = row
            self._ids.pop()

    def vectors(self) -> NDArray[np.float32]:
        """The stored vectors, one row per id in :meth:`ids` order (a view; do not modify)."""
        return self._vectors[: len(self._ids)]

    def vectors_of(self, ids: Sequence[str]) -> NDArray[np.float32]:
        """Copies of the stored vectors of ``ids``, in that order (KeyError if unknown)."""
        return self._vectors[[self._rows[item_id] for item_id in ids]]

    def ids(self) -> list[str]:
        """The stored ids in row order."""
        return list(self._ids)

    def search(self, queries: NDArray[np.float32], k: int) -> list[list[Neighbour]]:
        queries = np.asarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self._dimension:
            raise ValueError(f"expected queries of shape (n, {self._dimension})")
        count = min(k, len(self._ids))
        if count <= 0:
            return [[] for _ in range(queries.shape[0])]
        stored = self.vectors()
        results: list[list[Neighbour]] = []
        for start in range(0, queries.shape[0], self._query_chunk):
            scores = queries[start : start + self._query_chunk] @ stored.T
            if count < scores.shape[1]:
                top = np.argpartition(-scores, count - 1, axis=1)[:, :count]
            else:
                top = np.tile(np.arange(scores.shape[1]), (scores.shape[0], 1))
            for row_scores, candidates in zip(scores, top, strict=True):
                ordered = candidates[np.argsort(-row_scores[candidates], kind="stable")]
                results.append([(self._ids[row], float(row_scores[row])) for row in ordered])
        return results


def create_index(
    dimension: int,
    expected_size: int,
    *,
    approximate_threshold: int = APPROXIMATE_INDEX_THRESHOLD,
) -> VectorIndex:
    """An exact index up to ``approximate_threshold`` expected vectors, usearch above."""
    if expected_size > approximate_threshold:
        from techbridge.core.matching.usearch_index import UsearchIndex

        return UsearchIndex(dimension)
    return ExactIndex(dimension)
