import pytest

from techbridge.core.matching import MatchItem, UnusableTextError
from techbridge.core.matching.preparation import estimate_tokens, prepare_text, resolve_language


def test_resolve_language_detects_a_missing_language_and_keeps_a_given_one():
    assert resolve_language(MatchItem(id="a", text="Медный сплав")).language == "ru"
    assert resolve_language(MatchItem(id="b", text="Медный сплав", language="en")).language == "en"
    assert resolve_language(MatchItem(id="c", text="", title="铜合金带材")).language == "zh"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", "empty text"),
        ("12 345 — 6,7 %", "text has no letters"),
        (
            "銅合金の製造方法について",
            "cannot detect the language: the text is not Chinese, Russian or English",
        ),
    ],
)
def test_resolve_language_refuses_unusable_texts(text, reason):
    with pytest.raises(UnusableTextError) as raised:
        resolve_language(MatchItem(id="x", text=text))
    assert raised.value.reason == reason
    assert raised.value.item_id == "x"


def test_prepare_text_keeps_short_texts_whole():
    prepared = prepare_text("Короткий текст.", "ru", max_tokens=512)
    assert prepared.text == "Короткий текст."
    assert prepared.truncated is False


def test_prepare_text_cuts_long_texts_at_a_sentence_boundary():
    sentence = "Сплав меди с хромом и цирконием обладает высокой прочностью. "
    prepared = prepare_text(sentence * 100, "ru", max_tokens=60)
    assert prepared.truncated is True
    assert prepared.text.endswith("прочностью.")
    assert estimate_tokens(prepared.text) <= 60
    assert prepared.estimated_tokens > 1000


def test_prepare_text_cuts_characters_when_one_sentence_is_too_long():
    prepared = prepare_text("铜" * 2000, "zh", max_tokens=100)
    assert prepared.truncated is True
    assert 0 < estimate_tokens(prepared.text) <= 100
