import numpy as np
import pytest

from techbridge.core.matching import MatchEngine, MatchItem, MatchSettings, UnusableTextError
from techbridge.core.matching.preparation import prepare_text
from tests.core.matching.catalogue import CHINESE_FOIL_NEED, OFFERS, RUSSIAN_SEAL_NEED


@pytest.fixture(scope="module")
def engine(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add(OFFERS)
    return engine


def test_chinese_need_finds_the_russian_offer_that_solves_it(engine):
    [result] = engine.match([CHINESE_FOIL_NEED], top=3)
    assert result.query_id == "zh-need-foil"
    assert result.matches[0].id == "ru-foil"


def test_every_mode_ranks_the_solving_offer_first(engine):
    for mode in ("dense", "lexical", "hybrid"):
        [foil, seal] = engine.match([CHINESE_FOIL_NEED, RUSSIAN_SEAL_NEED], top=2, mode=mode)
        assert foil.matches[0].id == "ru-foil", mode
        assert seal.matches[0].id == "ru-seal", mode


def test_matches_are_sorted_and_limited_to_top(engine):
    [result] = engine.match([RUSSIAN_SEAL_NEED], top=4)
    scores = [match.score for match in result.matches]
    assert len(result.matches) == 4
    assert scores == sorted(scores, reverse=True)
    assert len({match.id for match in result.matches}) == 4


def test_an_item_never_matches_itself(engine):
    [result] = engine.match([OFFERS[0]], top=len(OFFERS))
    assert "ru-foil" not in [match.id for match in result.matches]
    assert len(result.matches) == len(OFFERS) - 1


def test_removed_items_are_no_longer_matched(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add(OFFERS)
    engine.remove(["ru-foil", "unknown"])
    [result] = engine.match([CHINESE_FOIL_NEED], top=10)
    assert "ru-foil" not in [match.id for match in result.matches]
    assert len(engine) == len(OFFERS) - 1


def test_lexical_engine_needs_no_encoder_and_fills_up_to_top():
    engine = MatchEngine(None, MatchSettings(mode="lexical"))
    engine.add(OFFERS)
    [result] = engine.match([CHINESE_FOIL_NEED], top=5)
    assert result.matches[0].id == "ru-foil"
    assert len(result.matches) == 5
    assert all(match.dense is None for match in result.matches)


def test_an_encoder_is_required_outside_lexical_mode():
    with pytest.raises(ValueError, match="encoder is needed"):
        MatchEngine(None, MatchSettings(mode="hybrid"))


def test_unusable_items_are_refused_before_anything_is_added():
    engine = MatchEngine(None, MatchSettings(mode="lexical"))
    with pytest.raises(UnusableTextError, match="empty-one: empty text"):
        engine.add([OFFERS[0], MatchItem(id="empty-one", text="  ")])
    assert len(engine) == 0


def test_structured_fields_move_an_item_up_in_hybrid_mode(real_encoder):
    twins = [
        MatchItem(id="a", text="Лазерная сварка алюминия", language="ru", trl=2),
        MatchItem(id="b", text="Лазерная сварка алюминия", language="ru", trl=8),
    ]
    engine = MatchEngine(real_encoder)
    engine.add(twins)
    query = MatchItem(id="q", text="激光焊接铝合金", language="zh", trl=8)
    [result] = engine.match([query], top=2)
    assert [match.id for match in result.matches] == ["b", "a"]
    assert result.matches[0].structured == 1.0
    assert result.matches[1].structured == 0.25


def test_pool_vectors_stay_with_their_items_when_added_in_length_order(
    hashing_encoder, monkeypatch
):
    """Items are encoded in order of length and in several calls; each keeps its vector."""
    from techbridge.core.matching import engine as engine_module

    monkeypatch.setattr(engine_module, "ENCODING_BATCH", 3)
    items = [
        MatchItem(
            id=f"i{number}", text="медь " * (17 - 3 * (number % 5)) + str(number), language="ru"
        )
        for number in range(11)
    ]
    engine = MatchEngine(hashing_encoder, MatchSettings(bias_correction="none"))
    engine.add(items)
    ids, vectors = engine.corrected_pool_vectors()
    texts = [prepare_text(item.full_text, "ru", engine.settings.max_tokens).text for item in items]
    expected = hashing_encoder.encode(texts, "query")
    assert np.allclose(vectors, expected[[int(item_id[1:]) for item_id in ids]], atol=1e-6)
