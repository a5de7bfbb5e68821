import numpy as np

from techbridge.core.matching.pair_scaling import PairScaling


def test_estimate_equalises_the_upper_tail_of_each_language_pair():
    languages = ["zh"] * 20 + ["ru"] * 20
    generator = np.random.default_rng(1)
    scores = generator.normal(size=(40, 40))
    same = np.equal.outer(np.array(languages), np.array(languages))
    scores = np.where(same, 2.0 * scores + 1.0, scores)  # same-language: shifted and wider

    scaling = PairScaling.estimate(
        languages, languages, lambda rows, columns: scores[np.ix_(rows, columns)]
    )
    assert set(scaling.spreads) == {("zh", "zh"), ("zh", "ru"), ("ru", "zh"), ("ru", "ru")}
    high_same = scaling.means["zh", "zh"] + scaling.spreads["zh", "zh"]
    high_cross = scaling.means["zh", "ru"] + scaling.spreads["zh", "ru"]
    scaled = scaling.rescale(np.array([high_same, high_cross]), "zh", ["zh", "ru"])
    assert abs(scaled[0] - scaled[1]) < 1e-9
    assert abs(scaled[0] - scaling.spread) < 1e-9


def test_rescale_leaves_scores_unscaled_when_a_pair_lacks_statistics():
    scaling = PairScaling({("zh", "zh"): 0.1}, {("zh", "zh"): 0.5}, 0.25)
    assert scaling.rescale(np.array([0.6, 0.3]), "zh", ["zh", "en"]).tolist() == [0.6, 0.3]
    assert scaling.rescale(np.array([0.6]), "zh", ["zh"]).tolist() == [0.25]


def test_estimate_skips_languages_with_too_few_texts():
    languages = ["zh"] * 20 + ["en"] * 3
    scaling = PairScaling.estimate(
        languages, languages, lambda rows, columns: np.zeros((len(rows), len(columns)))
    )
    assert set(scaling.spreads) == {("zh", "zh")}
