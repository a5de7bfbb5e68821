import numpy as np

from techbridge.core.matching import CachingEncoder, InMemoryEmbeddingCache, SqliteEmbeddingCache
from techbridge.core.matching.embedding_cache import cache_model_name, embedding_key

from .conftest import HashingEncoder


def test_embedding_key_depends_on_model_role_and_text():
    keys = {
        embedding_key("m1", "query", "медь"),
        embedding_key("m2", "query", "медь"),
        embedding_key("m1", "passage", "медь"),
        embedding_key("m1", "query", "медь "),
    }
    assert len(keys) == 4
    assert embedding_key("m1", "query", "медь") == embedding_key("m1", "query", "медь")


def test_in_memory_cache_misses_then_hits_and_evicts_least_recent():
    cache = InMemoryEmbeddingCache(max_entries=2)
    assert cache.get_many(["a"]) == [None]
    cache.put_many(["a", "b"], np.eye(2, dtype=np.float32))
    cache.get_many(["a"])  # "a" is now the most recent
    cache.put_many(["c"], np.ones((1, 2), dtype=np.float32))
    found = cache.get_many(["a", "b", "c"])
    assert found[1] is None
    assert np.array_equal(found[0], [1.0, 0.0])
    assert np.array_equal(found[2], [1.0, 1.0])
    assert len(cache) == 2


def test_sqlite_cache_keeps_vectors_across_connections(tmp_path):
    path = tmp_path / "cache" / "embeddings.sqlite"
    cache = SqliteEmbeddingCache(path)
    vectors = np.arange(6, dtype=np.float32).reshape(2, 3)
    cache.put_many(["x", "y"], vectors)
    cache.close()
    reopened = SqliteEmbeddingCache(path)
    found = reopened.get_many(["y", "missing", "x"])
    reopened.close()
    assert np.array_equal(found[0], [3.0, 4.0, 5.0])
    assert found[1] is None
    assert np.array_equal(found[2], [0.0, 1.0, 2.0])


def test_caching_encoder_encodes_each_new_text_once(hashing_encoder):
    encoder = CachingEncoder(hashing_encoder, InMemoryEmbeddingCache())
    first = encoder.encode(["медный сплав", "copper alloy", "медный сплав"], "query")
    second = encoder.encode(["copper alloy", "铜合金"], "query")
    assert hashing_encoder.encoded == ["медный сплав", "copper alloy", "铜合金"]
    assert np.array_equal(first[1], second[0])
    assert np.array_equal(first[0], first[2])
    direct = hashing_encoder.encode(["铜合金"], "query")
    assert np.array_equal(second[1], direct[0])


def test_caching_encoder_keeps_roles_apart(hashing_encoder):
    encoder = CachingEncoder(hashing_encoder, InMemoryEmbeddingCache())
    query = encoder.encode(["сплав"], "query")
    passage = encoder.encode(["сплав"], "passage")
    assert not np.array_equal(query, passage)
    assert hashing_encoder.encoded == ["сплав", "сплав"]


def test_a_new_encoder_revision_does_not_reuse_cached_vectors(hashing_encoder):
    """An encoder whose vectors changed under the same name (a recalibrated int8 model)
    announces a new ``revision``; vectors of the old revision are not served."""

    class Revised(HashingEncoder):
        def __init__(self, revision: str) -> None:
            super().__init__()
            self.revision = revision

    cache = InMemoryEmbeddingCache()
    old, new = Revised("static-1"), Revised("static-2")
    CachingEncoder(old, cache).encode(["медный сплав"], "query")
    CachingEncoder(old, cache).encode(["медный сплав"], "query")
    CachingEncoder(new, cache).encode(["медный сплав"], "query")
    assert old.encoded == ["медный сплав"]
    assert new.encoded == ["медный сплав"]
    assert cache_model_name(new) == f"{new.name}@static-2"
    assert cache_model_name(hashing_encoder) == hashing_encoder.name
