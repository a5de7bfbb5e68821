import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.matching.indexes import ExactIndex, create_index
from techbridge.core.matching.usearch_index import UsearchIndex
from tests.core.matching.index_contract import CONTRACT, brute_force, unit_vectors

IMPLEMENTATIONS = {
    "exact": (ExactIndex, True),
    "usearch": (UsearchIndex, False),
}


@pytest.mark.parametrize("check", CONTRACT, ids=lambda check: check.__name__)
@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_index_honours_the_contract(implementation, check):
    factory, exact = IMPLEMENTATIONS[implementation]
    check(factory, exact)


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=40),
    k=st.integers(min_value=1, max_value=50),
    removed=st.sets(st.integers(min_value=0, max_value=39), max_size=10),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_exact_index_returns_exactly_the_brute_force_top_k(count, k, removed, seed):
    vectors = unit_vectors(count, 6, seed)
    ids = [f"i{number}" for number in range(count)]
    index = ExactIndex(6)
    index.add(ids, vectors)
    index.remove([f"i{number}" for number in removed])
    stored = {
        item_id: vector
        for number, (item_id, vector) in enumerate(zip(ids, vectors, strict=True))
        if number not in removed
    }
    query = unit_vectors(1, 6, seed + 1)[0]
    found = index.search(query[None, :], k)[0]
    assert len(found) == min(k, len(stored))
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    expected_scores = sorted((float(vector @ query) for vector in stored.values()), reverse=True)
    assert np.allclose(scores, expected_scores[: len(found)], atol=1e-5)
    assert set(brute_force(stored, query, k)) == {item_id for item_id, _ in found} or len(
        set(np.round(expected_scores, 5))
    ) < len(expected_scores)


def test_create_index_is_exact_below_the_threshold_and_approximate_above():
    assert isinstance(create_index(8, 1000, approximate_threshold=5000), ExactIndex)
    assert isinstance(create_index(8, 10_000, approximate_threshold=5000), UsearchIndex)
