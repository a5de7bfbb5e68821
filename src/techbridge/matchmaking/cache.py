"""The embedding cache of the core, kept in the database (shared by web processes and
background workers)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from django.db.models import QuerySet
from numpy.typing import NDArray

from techbridge.core.matching import InMemoryEmbeddingCache
from techbridge.matchmaking.models import Embedding

_BATCH = 500


class DatabaseEmbeddingCache:
    """``techbridge.core.matching.EmbeddingCache`` on the ``Embedding`` table; rows it
    writes are labelled with ``model`` (see :func:`purge_other_models`)."""

    def __init__(self, model: str) -> None:
        self.model = model

    def get_many(self, keys: Sequence[str]) -> list[NDArray[np.float32] | None]:
        stored: dict[str, bytes] = {}
        for start in range(0, len(keys), _BATCH):
            chunk = list(keys[start : start + _BATCH])
            stored.update(Embedding.objects.filter(key__in=chunk).values_list("key", "vector"))
        return [
            np.frombuffer(bytes(stored[key]), dtype=np.float32).copy() if key in stored else None
            for key in keys
        ]

    def put_many(self, keys: Sequence[str], vectors: NDArray[np.float32]) -> None:
        rows = [
            Embedding(
                key=key, vector=np.asarray(vector, dtype=np.float32).tobytes(), model=self.model
            )
            for key, vector in zip(keys, vectors, strict=True)
        ]
        Embedding.objects.bulk_create(rows, ignore_conflicts=True, batch_size=_BATCH)


class TieredEmbeddingCache:
    """Process memory in front of the database: a web process or worker reads each vector
    from the database once."""

    def __init__(self, memory: InMemoryEmbeddingCache, database: DatabaseEmbeddingCache) -> None:
        self.memory = memory
        self.database = database

    def get_many(self, keys: Sequence[str]) -> list[NDArray[np.float32] | None]:
        found = self.memory.get_many(keys)
        missing = [position for position, vector in enumerate(found) if vector is None]
        if missing:
            stored = self.database.get_many([keys[position] for position in missing])
            hits = [
                (keys[position], vector)
                for position, vector in zip(missing, stored, strict=True)
                if vector is not None
            ]
            if hits:
                self.memory.put_many([key for key, _ in hits], np.stack([v for _, v in hits]))
            for position, vector in zip(missing, stored, strict=True):
                found[position] = vector
        return found

    def put_many(self, keys: Sequence[str], vectors: NDArray[np.float32]) -> None:
        self.database.put_many(keys, vectors)
        self.memory.put_many(keys, vectors)


def other_models(model: str) -> QuerySet[Embedding]:
    """Stored vectors of every model but ``model`` (a cache model name: the encoder's name
    and revision), including unlabelled rows from before labels were kept. Their keys can
    never be asked for again: keys include the model."""
    return Embedding.objects.exclude(model=model)


def purge_other_models(model: str) -> int:
    """Delete :func:`other_models`; return how many were deleted."""
    deleted, _ = other_models(model).delete()
    return deleted
