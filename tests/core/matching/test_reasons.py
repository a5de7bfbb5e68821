from techbridge.core.matching import MatchEngine
from techbridge.core.matching.reasons import explain_match
from tests.core.matching.catalogue import CHINESE_FOIL_NEED, OFFERS


def test_reasons_name_shared_concepts_in_three_languages_and_the_best_sentences(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add(OFFERS)
    reasons = explain_match(engine, CHINESE_FOIL_NEED, "ru-foil")
    assert reasons.query_id == "zh-need-foil"
    assert reasons.item_id == "ru-foil"
    by_id = {concept.id: concept for concept in reasons.shared_concepts}
    assert by_id["mat.copper_foil"].labels == {
        "zh": "铜箔",
        "ru": "медная фольга",
        "en": "copper foil",
    }
    assert "stor.lithium_battery" in by_id
    weights = [concept.weight for concept in reasons.shared_concepts]
    assert weights == sorted(weights, reverse=True)
    pair = reasons.best_sentences
    assert pair is not None
    assert pair.query_language == "zh"
    assert pair.item_language == "ru"
    assert "铜箔" in pair.query_sentence
    assert "фольг" in pair.item_sentence
