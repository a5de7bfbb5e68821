"""The contract every vector index honours, as functions taking an index factory.

Run it for an implementation with ``run_contract(factory, exact=...)`` (see
``test_indexes.py``); the Django app runs the same functions against its pgvector
index. ``factory(dimension)`` must return an empty index. ``exact`` is False for
approximate indexes, whose neighbour lists are checked for recall instead of equality.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from techbridge.core.matching.indexes import VectorIndex

IndexFactory = Callable[[int], VectorIndex]


def unit_vectors(count: int, dimension: int, seed: int) -> np.ndarray:
    generator = np.random.default_rng(seed)
    vectors = generator.normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def brute_force(stored: dict[str, np.ndarray], query: np.ndarray, k: int) -> list[str]:
    scored = sorted(stored.items(), key=lambda pair: -float(pair[1] @ query))
    return [item_id for item_id, _ in scored[:k]]


def check_empty_index_returns_empty_lists(factory: IndexFactory, exact: bool) -> None:
    index = factory(8)
    assert len(index) == 0
    assert index.search(unit_vectors(3, 8, seed=1), 5) == [[], [], []]


def check_search_returns_top_k_best_first(factory: IndexFactory, exact: bool) -> None:
    vectors = unit_vectors(60, 16, seed=2)
    ids = [f"item-{number}" for number in range(60)]
    index = factory(16)
    index.add(ids, vectors)
    assert len(index) == 60
    queries = unit_vectors(5, 16, seed=3)
    stored = dict(zip(ids, vectors, strict=True))
    for query, found in zip(queries, index.search(queries, 7), strict=True):
        assert len(found) == 7
        scores = [score for _, score in found]
        assert scores == sorted(scores, reverse=True)
        expected = brute_force(stored, query, 7)
        if exact:
            assert [item_id for item_id, _ in found] == expected
            for item_id, score in found:
                assert abs(score - float(stored[item_id] @ query)) < 1e-5
        else:
            assert len({item_id for item_id, _ in found} & set(expected)) >= 6


def check_k_larger_than_size_returns_everything(factory: IndexFactory, exact: bool) -> None:
    index = factory(4)
    index.add(["a", "b", "c"], unit_vectors(3, 4, seed=4))
    found = index.search(unit_vectors(1, 4, seed=5), 10)[0]
    assert sorted(item_id for item_id, _ in found) == ["a", "b", "c"]


def check_adding_an_existing_id_replaces_its_vector(factory: IndexFactory, exact: bool) -> None:
    vectors = unit_vectors(4, 8, seed=6)
    index = factory(8)
    index.add(["a", "b", "c"], vectors[:3])
    index.add(["a"], vectors[3:4])
    assert len(index) == 3
    found = index.search(vectors[3:4], 1)[0]
    assert found[0][0] == "a"
    assert abs(found[0][1] - 1.0) < 1e-3


def check_removed_ids_are_never_found(factory: IndexFactory, exact: bool) -> None:
    vectors = unit_vectors(20, 8, seed=7)
    ids = [f"item-{number}" for number in range(20)]
    index = factory(8)
    index.add(ids, vectors)
    index.remove(["item-3", "item-5", "not-there"])
    assert len(index) == 18
    for found in index.search(vectors, 20):
        found_ids = {item_id for item_id, _ in found}
        assert "item-3" not in found_ids
        assert "item-5" not in found_ids
    index.add(["item-3"], vectors[3:4])
    assert index.search(vectors[3:4], 1)[0][0][0] == "item-3"


def check_vectors_of_the_wrong_shape_are_refused(factory: IndexFactory, exact: bool) -> None:
    index = factory(8)
    for ids, vectors in [
        (["a"], np.zeros((1, 7), np.float32)),
        (["a", "b"], np.zeros((1, 8), np.float32)),
    ]:
        try:
            index.add(ids, vectors)
        except ValueError:
            continue
        raise AssertionError("an index accepted vectors of the wrong shape")


CONTRACT = [
    check_empty_index_returns_empty_lists,
    check_search_returns_top_k_best_first,
    check_k_larger_than_size_returns_everything,
    check_adding_an_existing_id_replaces_its_vector,
    check_removed_ids_are_never_found,
    check_vectors_of_the_wrong_shape_are_refused,
]


def run_contract(factory: IndexFactory, *, exact: bool) -> None:
    """Run every check of the contract against ``factory``."""
    for check in CONTRACT:
        check(factory, exact)
