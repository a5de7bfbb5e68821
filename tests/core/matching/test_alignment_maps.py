"""Rotations between language spaces: learned from parallel embeddings, applied after centring."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.matching.alignment_maps import (
    learn_rotations,
    read_parallel_sentences,
    rotations_for,
    shipped_parallel_sentences,
    shipped_rotations,
)
from techbridge.core.matching.language_bias import LanguageBiasCorrector


def random_rotation(generator: np.random.Generator, dimension: int) -> np.ndarray:
    matrix, _ = np.linalg.qr(generator.normal(size=(dimension, dimension)))
    return matrix


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=4, max_value=24))
def test_learned_maps_are_orthogonal_and_undo_a_rotation_between_languages(seed, dimension):
    generator = np.random.default_rng(seed)
    base = generator.normal(size=(dimension * 6, dimension))
    turned = random_rotation(generator, dimension)
    parallel = {"zh": base, "ru": base.copy(), "en": base @ turned}
    rotations = learn_rotations(parallel)
    for rotation in rotations.values():
        assert np.allclose(rotation @ rotation.T, np.eye(dimension), atol=1e-4)
    # After mapping, the English copy lines up with the Chinese and Russian ones.
    centred = {lang: vectors - vectors.mean(axis=0) for lang, vectors in parallel.items()}
    mapped_en = centred["en"] @ rotations["en"]
    mapped_zh = centred["zh"] @ rotations["zh"]
    assert np.allclose(mapped_en, mapped_zh, atol=1e-3)


def test_identical_languages_need_no_rotation():
    base = np.random.default_rng(1).normal(size=(50, 8))
    rotations = learn_rotations({"zh": base, "ru": base, "en": base})
    for rotation in rotations.values():
        assert np.allclose(rotation, np.eye(8), atol=1e-5)


def test_parallel_sets_must_have_the_same_size():
    with pytest.raises(ValueError, match="same number of rows"):
        learn_rotations({"zh": np.zeros((3, 4)), "ru": np.zeros((4, 4)), "en": np.zeros((3, 4))})


def test_alignment_turns_centred_vectors_part_of_the_way():
    generator = np.random.default_rng(2)
    vectors = generator.normal(size=(6, 8)).astype(np.float32)
    languages = ["zh", "zh", "ru", "ru", "en", "en"]
    means = {lang: np.zeros(8, dtype=np.float32) for lang in ("zh", "ru", "en")}
    rotation = random_rotation(generator, 8).astype(np.float32)
    identity = np.eye(8, dtype=np.float32)
    rotations = {"zh": rotation, "ru": identity, "en": identity}
    centred = LanguageBiasCorrector(means, "centre").correct(vectors, languages)
    aligned = LanguageBiasCorrector(
        means, "centre_align", rotations=rotations, alignment_weight=0.5
    ).correct(vectors, languages)
    assert np.allclose(np.linalg.norm(aligned, axis=1), 1.0, atol=1e-5)
    assert np.allclose(aligned[2:], centred[2:], atol=1e-6)  # identity leaves them alone
    expected = 0.5 * centred[:2] + 0.5 * centred[:2] @ rotation
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    assert np.allclose(aligned[:2], expected, atol=1e-5)
    # Rotations are ignored by the other methods.
    plain = LanguageBiasCorrector(means, "centre", rotations=rotations).correct(vectors, languages)
    assert np.allclose(plain, centred)


def test_rotations_are_shipped_for_the_default_encoder_only(real_encoder, hashing_encoder):
    assert shipped_rotations(hashing_encoder, "query") is None
    rotations = shipped_rotations(real_encoder, "query")
    assert rotations is not None
    assert sorted(rotations) == ["en", "ru", "zh"]
    for rotation in rotations.values():
        assert rotation.shape == (384, 384)
        assert np.allclose(rotation @ rotation.T, np.eye(384), atol=0.02)


def test_parallel_sentence_files_must_align(tmp_path):
    for language, lines in (("zh", "一\n二\n"), ("ru", "раз\nдва\n"), ("en", "one\n")):
        (tmp_path / f"{language}.txt").write_text(lines, encoding="utf-8")
    with pytest.raises(ValueError, match="same number of lines"):
        read_parallel_sentences(tmp_path)


def test_other_encoders_learn_rotations_from_the_shipped_sentences(hashing_encoder):
    sentences = shipped_parallel_sentences()
    assert len(sentences["zh"]) >= 300
    assert len(set(sentences["ru"])) == len(sentences["ru"])
    rotations = rotations_for(hashing_encoder, "query")
    assert sorted(rotations) == ["en", "ru", "zh"]
    for rotation in rotations.values():
        assert np.allclose(rotation @ rotation.T, np.eye(64), atol=1e-4)
    assert rotations_for(hashing_encoder, "query") is rotations  # learned once
