"""Multilingual texts: the reader's language first, labelled fallbacks."""

import pytest
from django.core.exceptions import ValidationError

from techbridge.i18n_text import (
    MultilingualTextField,
    MultilingualTextFormField,
    content_language,
    ordered_texts,
    pick_text,
)


def test_content_language_maps_interface_codes():
    assert [content_language(code) for code in ("zh-hans", "ru", "en", "de")] == [
        "zh",
        "ru",
        "en",
        "en",
    ]


def test_pick_text_prefers_readers_language():
    texts = {"zh": "铜合金", "ru": "Медный сплав", "en": "Copper alloy"}
    picked = pick_text(texts, "ru")
    assert (picked.text, picked.language, picked.is_fallback) == ("Медный сплав", "ru", False)


def test_pick_text_falls_back_and_says_so():
    picked = pick_text({"ru": "Медный сплав"}, "zh-hans")
    assert (picked.text, picked.language, picked.is_fallback) == ("Медный сплав", "ru", True)


def test_pick_text_of_nothing_is_empty():
    assert pick_text({}, "en").text == ""
    assert pick_text(None, "en").text == ""


def test_ordered_texts_put_reader_first():
    texts = {"zh": "铜", "ru": "Медь", "en": "Copper"}
    assert [text.language for text in ordered_texts(texts, "zh-hans")] == ["zh", "en", "ru"]


def test_blank_texts_are_dropped_by_the_form_field():
    field = MultilingualTextFormField(minimum_languages=2)
    with pytest.raises(ValidationError) as error:
        field.clean(["铜合金", "   ", ""])
    assert error.value.messages == ["Enter this text in at least 2 languages."]
    assert field.clean(["铜合金", "Медный сплав", ""]) == {"zh": "铜合金", "ru": "Медный сплав"}


def test_model_field_enforces_length_per_language():
    field = MultilingualTextField(max_length=5)
    field.name = "title"
    with pytest.raises(ValidationError) as error:
        field.clean({"en": "far too long"}, None)
    assert "too long" in error.value.messages[0]
