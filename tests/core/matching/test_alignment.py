import numpy as np

from techbridge.core.matching.alignment import (
    alignment_scores,
    evidence_scores,
    jaccard,
    numbers_of,
)
from techbridge.core.matching.concepts import default_lexicon


def test_numbers_of_normalises_decimal_commas_and_thousands():
    assert numbers_of("Ресурс 8 000 циклов, слой 1,20 мм при 450 °C", "ru") == {
        "8000",
        "1.2",
        "450",
    }
    assert numbers_of("8,000 cycles, a 1.20 mm layer at 450 °C", "en") == {"8000", "1.2", "450"}
    assert numbers_of("循环寿命8000次，涂层1.2毫米，450 °C", "zh") == {"8000", "1.2", "450"}


def test_jaccard_is_zero_without_numbers_on_either_side():
    assert jaccard(set(), set()) == 0.0
    assert jaccard({"1", "2"}, {"2", "3"}) == 1 / 3


def test_ratio_margin_prefers_the_mutual_nearest_neighbour_over_a_hub():
    source = np.array([[1.0, 0.0], [0.8, 0.6]], dtype=np.float32)
    # target 0 is a "hub" close to both sources; target 1 is the true partner of source 1
    target = np.array([[0.9, 0.436], [0.6, 0.8]], dtype=np.float32)
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    cosine = alignment_scores(source, target, "cosine")
    margin = alignment_scores(source, target, "ratio_margin", neighbours=2)
    assert np.argmax(cosine[1]) == 0
    assert np.argmax(margin[1]) == 1


def test_evidence_separates_sentences_that_differ_in_one_number():
    source = ["После старения при 450 °C предел прочности 620 МПа."]
    targets = [
        "After ageing at 500 °C the tensile strength is 620 MPa.",
        "After ageing at 450 °C the tensile strength is 620 MPa.",
    ]
    scores = evidence_scores(source, "ru", targets, "en", default_lexicon())
    assert scores[0, 1] > scores[0, 0]
