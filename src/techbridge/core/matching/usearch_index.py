"""Approximate nearest-neighbour search with usearch (HNSW), for large pools.

usearch keys are integers; this wrapper maps TechBridge's string ids to integer keys
and back. Search is approximate: recall@10 against exact search is measured in
``bench/matching_speed.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.indexes import Neighbour, validate_batch


class UsearchIndex:
    """HNSW inner-product index (usearch), vectors stored as float16.

    Defaults from a sweep on clustered 384-dimensional vectors (``bench/matching_speed.py``
    measures recall@10 at a million): expansion 64 while adding keeps building fast,
    expansion 128 while searching keeps recall@10 near 0.99 at under a millisecond.
    """

    def __init__(
        self,
        dimension: int,
        *,
        connectivity: int = 16,
        expansion_add: int = 64,
        expansion_search: int = 128,
        threads: int = 1,
    ) -> None:
        from usearch.index import Index  # deferred: only large pools need it

        self._dimension = dimension
        self._threads = threads
        self._index: Any = Index(
            ndim=dimension,
            metric="ip",
            dtype="f16",
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=expansion_search,
        )
        self._keys: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        self._next_key = 0

    @property
    def dimension(self) -> int:
        return self._dimension

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, ids: Sequence[str], vectors: NDArray[np.float32]) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        validate_batch(ids, vectors, self._dimension)
        self.remove([item_id for item_id in ids if item_id in self._keys])
        if not ids:
            return
        keys = np.arange(self._next_key, self._next_key + len(ids), dtype=np.uint64)
        self._next_key += len(ids)
        for item_id, key in zip(ids, keys, strict=True):
            self._keys[item_id] = int(key)
            self._ids[int(key)] = item_id
        # Building is a batch job: use every core. Searching stays on ``threads``.
        self._index.add(keys, np.ascontiguousarray(vectors), threads=0)

    def remove(self, ids: Iterable[str]) -> None:
        keys = [self._keys.pop(item_id) for item_id in ids if item_id in self._keys]
        for key in keys:
            del self._ids[key]
        if keys:
            self._index.remove(np.array(keys, dtype=np.uint64))

    def search(self, queries: NDArray[np.float32], k: int) -> list[list[Neighbour]]:
        queries = np.asarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self._dimension:
            raise ValueError(f"expected queries of shape (n, {self._dimension})")
        count = min(k, len(self._keys))
        if count <= 0 or queries.shape[0] == 0:
            return [[] for _ in range(queries.shape[0])]
        matches = self._index.search(np.ascontiguousarray(queries), count, threads=self._threads)
        keys = np.atleast_2d(matches.keys)
        distances = np.atleast_2d(matches.distances)
        # One query gives a ``Matches`` (exact length), several a ``BatchMatches`` (padded).
        counts = np.atleast_1d(getattr(matches, "counts", len(matches.keys)))
        results: list[list[Neighbour]] = []
        for row in range(queries.shape[0]):
            found = int(counts[row])
            # usearch's "ip" distance is 1 - inner product.
            results.append(
                [
                    (self._ids[int(key)], float(1.0 - distance))
                    for key, distance in zip(keys[row, :found], distances[row, :found], strict=True)
                ]
            )
        return results
