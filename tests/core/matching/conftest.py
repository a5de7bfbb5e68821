"""Fixtures for the matching tests: the real encoder (loaded once) and a test encoder."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest

from techbridge.core.matching import CachingEncoder, InMemoryEmbeddingCache
from techbridge.core.matching.encoders import Role, load_encoder


class HashingEncoder:
    """A deterministic stand-in for a model: bag of character trigrams hashed into 64
    dimensions. Cheap, and similar texts get similar vectors. Counts its calls."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    @property
    def name(self) -> str:
        return "hashing-test-encoder"

    @property
    def dimension(self) -> int:
        return 64

    def encode(self, texts: Sequence[str], role: Role) -> np.ndarray:
        self.encoded.extend(texts)
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for start in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[start : start + 3].encode(), digest_size=2)
                vectors[row, int.from_bytes(digest.digest(), "big") % 64] += 1.0
            if role == "query":
                vectors[row, 0] += 0.5
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture(scope="session")
def real_encoder() -> CachingEncoder:
    """The real default encoder, loaded once per test session, with a memory cache."""
    return CachingEncoder(load_encoder(None), InMemoryEmbeddingCache())
