"""Anchor profiles: texts described by the parallel sentences they resemble."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.matching import MatchEngine, MatchItem, MatchSettings
from techbridge.core.matching.alignment_maps import shipped_parallel_sentences
from techbridge.core.matching.anchor_profiles import (
    ANCHOR_TOP,
    SHIPPED_ROLE,
    AnchorProfiles,
    PoolProfiles,
    anchor_embeddings,
)
from techbridge.core.matching.encoders import EMBEDDED_MODELS


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def random_rotation(generator: np.random.Generator, dimension: int) -> np.ndarray:
    matrix, _ = np.linalg.qr(generator.normal(size=(dimension, dimension)))
    return matrix.astype(np.float32)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=8, max_value=32),
    st.integers(min_value=1, max_value=12),
)
def test_a_translation_gets_the_profile_of_its_original_whatever_the_language(seed, dim, top):
    # Each language's space is the Chinese one turned; anchors and texts alike.
    generator = np.random.default_rng(seed)
    anchors_zh = unit_rows(generator.normal(size=(20, dim)))
    turn_ru, turn_en = random_rotation(generator, dim), random_rotation(generator, dim)
    profiles = AnchorProfiles(
        {"zh": anchors_zh, "ru": anchors_zh @ turn_ru, "en": anchors_zh @ turn_en}, top=top
    )
    texts_zh = unit_rows(generator.normal(size=(5, dim)))
    chinese = profiles.profiles(texts_zh, ["zh"] * 5).toarray()
    russian = profiles.profiles(texts_zh @ turn_ru, ["ru"] * 5).toarray()
    english = profiles.profiles(texts_zh @ turn_en, ["en"] * 5).toarray()
    assert np.allclose(chinese, russian, atol=1e-4)
    assert np.allclose(chinese, english, atol=1e-4)
    # Unit length, exactly `top` anchors kept, the nearest anchor among them.
    assert np.allclose(np.linalg.norm(chinese, axis=1), 1.0, atol=1e-5)
    assert ((chinese != 0).sum(axis=1) == min(top, 20)).all()
    nearest = np.argmax(texts_zh @ anchors_zh.T, axis=1)
    assert (chinese[np.arange(5), nearest] > 0).all()


def test_closest_anchors_dominate_the_profile():
    anchors = unit_rows(np.eye(4, dtype=np.float32))
    profiles = AnchorProfiles({"zh": anchors, "ru": anchors, "en": anchors}, top=4, power=3.0)
    text = unit_rows(np.array([[0.8, 0.4, 0.2, 0.0]], dtype=np.float32))
    row = profiles.profiles(text, ["en"]).toarray()[0]
    cubes = np.array([0.8, 0.4, 0.2, 0.0]) ** 3
    assert np.allclose(row, cubes / np.linalg.norm(cubes), atol=1e-5)


def test_every_language_needs_the_same_anchors():
    with pytest.raises(ValueError, match="same anchors"):
        AnchorProfiles({"zh": np.zeros((3, 4)), "ru": np.zeros((4, 4)), "en": np.zeros((3, 4))})


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=40))
def test_pool_profiles_score_and_rank_like_the_full_product(seed, count):
    generator = np.random.default_rng(seed)
    anchors = unit_rows(generator.normal(size=(30, 16)))
    profiles = AnchorProfiles({"zh": anchors, "ru": anchors, "en": anchors}, top=5)
    pool_vectors = unit_rows(generator.normal(size=(40, 16)))
    languages = [("zh", "ru", "en")[row % 3] for row in range(40)]
    ids = [f"o{row}" for row in range(40)]
    pool = PoolProfiles(ids, profiles.profiles(pool_vectors, languages))
    query = profiles.profiles(unit_rows(generator.normal(size=(1, 16))), ["ru"])
    full = (profiles.profiles(pool_vectors, languages) @ query.T).toarray().ravel()
    assert np.allclose(pool.similarities(query, ids), full, atol=1e-6)
    nearest = pool.nearest(query, count)
    sharing = [item_id for item_id, score in zip(ids, full, strict=True) if score > 0]
    assert len(nearest) == min(count, len(sharing))
    scores = [full[ids.index(item_id)] for item_id in nearest]
    assert scores == sorted(scores, reverse=True)
    outside = [full[ids.index(i)] for i in ids if i not in nearest]
    if outside and nearest:
        assert max(outside) <= min(scores) + 1e-6


def test_there_are_more_anchor_sentences_than_anchors_per_profile():
    sentences = shipped_parallel_sentences()
    assert len(sentences["zh"]) == len(sentences["ru"]) == len(sentences["en"]) > ANCHOR_TOP


@pytest.mark.parametrize("model", EMBEDDED_MODELS)
def test_shipped_anchor_embeddings_are_the_encoded_sentences(model, real_encoder):
    if real_encoder.name != model:
        pytest.skip("checked with the encoder the tests load")
    shipped = anchor_embeddings(real_encoder, SHIPPED_ROLE)
    sentences = shipped_parallel_sentences()
    for language in ("zh", "ru", "en"):
        sample = [0, len(sentences[language]) // 2, len(sentences[language]) - 1]
        encoded = real_encoder.encode([sentences[language][i] for i in sample], SHIPPED_ROLE)
        cosines = np.sum(unit_rows(shipped[language][sample]) * encoded, axis=1)
        assert (cosines > 0.999).all()


def test_engine_profiles_find_a_copy_of_the_query_first(hashing_encoder):
    items = [
        MatchItem(id=f"o{n}", text=text, language="en")
        for n, text in enumerate(
            ["copper alloy strip for connectors", "rocket engine test", "dairy cows milk yield"]
        )
    ]
    query = MatchItem(id="q", text="copper alloy strip for connectors", language="en")
    engine = MatchEngine(hashing_encoder, MatchSettings("dense", candidates_per_signal=1))
    engine.add(items)
    assert [match.id for match in engine.match([query], top=1)[0].matches] == ["o0"]
    profile = engine.profiles_of(engine.encode_corrected([query], "query"), ["en"])
    assert profile is not None
    assert engine.pool_profiles().nearest(profile, 3)[0] == "o0"


def test_anchor_weight_zero_turns_profiles_off(hashing_encoder):
    engine = MatchEngine(hashing_encoder, MatchSettings(anchor_weight=0.0))
    engine.add([MatchItem(id="o1", text="copper alloy strip", language="en")])
    assert engine.profiles_of(np.zeros((1, 64), np.float32), ["en"]) is None
