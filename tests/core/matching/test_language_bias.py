import numpy as np

from techbridge.core.matching.language_bias import (
    LanguageBiasCorrector,
    LanguageMeans,
    blend_means,
)


def test_language_means_from_vectors_averages_each_language():
    vectors = np.array([[1.0, 0.0], [3.0, 0.0], [0.0, 2.0]], dtype=np.float32)
    means = LanguageMeans.from_vectors(vectors, ["zh", "zh", "ru"])
    assert set(means.means) == {"zh", "ru"}
    assert np.allclose(means.means["zh"], [2.0, 0.0])
    assert means.counts == {"zh": 2.0, "ru": 1.0}


def test_blend_means_weighs_pool_by_count_against_the_prior():
    reference = LanguageMeans(
        {"zh": np.array([0.0, 0.0], np.float32), "ru": np.array([1.0, 1.0], np.float32)},
        {"zh": 50, "ru": 50},
    )
    pool = LanguageMeans(
        {"zh": np.array([4.0, 0.0], np.float32), "en": np.array([0.0, 5.0], np.float32)},
        {"zh": 30.0, "en": 3.0},
    )
    blended = blend_means(reference, pool, prior_weight=10.0)
    assert np.allclose(blended["zh"], [3.0, 0.0])  # (30·4 + 10·0) / 40
    assert np.allclose(blended["ru"], [1.0, 1.0])  # reference only
    assert np.allclose(blended["en"], [0.0, 5.0])  # pool only
    assert blend_means(None, None) == {}


def test_centring_removes_a_language_offset_shared_by_all_texts():
    generator = np.random.default_rng(0)
    content = generator.normal(size=(6, 16)).astype(np.float32)
    offset = np.zeros(16, np.float32)
    offset[0] = 5.0
    vectors = np.concatenate([content + offset, content - offset])  # same content, two languages
    languages = ["zh"] * 6 + ["ru"] * 6
    means = LanguageMeans.from_vectors(vectors, languages).means
    corrected = LanguageBiasCorrector(means, "centre").correct(vectors, languages)
    assert np.allclose(corrected[:6], corrected[6:], atol=1e-5)
    assert np.allclose(np.linalg.norm(corrected, axis=1), 1.0, atol=1e-5)


def test_centre_project_leaves_nothing_along_the_difference_of_means():
    means = {
        "zh": np.array([1.0, 0.0, 0.0], np.float32),
        "ru": np.array([0.0, 1.0, 0.0], np.float32),
    }
    corrector = LanguageBiasCorrector(means, "centre_project")
    corrected = corrector.correct(np.array([[3.0, 1.0, 2.0]], np.float32), ["zh"])
    difference = means["zh"] - means["ru"]
    assert abs(float(corrected[0] @ difference)) < 1e-6


def test_no_correction_only_normalises():
    corrector = LanguageBiasCorrector({"zh": np.ones(2, np.float32)}, "none")
    corrected = corrector.correct(np.array([[3.0, 4.0]], np.float32), ["zh"])
    assert np.allclose(corrected, [[0.6, 0.8]])
