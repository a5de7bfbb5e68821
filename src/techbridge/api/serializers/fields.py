"""Serializer fields of the API: JSON scalars taken strictly by type (what the schema calls
a type error is refused), and texts users write in several languages.

On the wire a multilingual text is ``{"zh": "…", "ru": "…", "en": "…"}`` with content
language codes (not interface codes). Answers carry only the languages present; requests
may give any of the three, blank texts are dropped, other keys are refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from techbridge.i18n_text import CONTENT_LANGUAGES, clean_texts

MAX_KEYWORDS_PER_LANGUAGE = 30
MAX_KEYWORD_LENGTH = 100


class StrictCharField(serializers.CharField):
    """Text and nothing else: DRF's ``CharField`` also takes numbers and turns them into
    text, which would accept what the schema calls a type error."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class StrictIntegerField(serializers.IntegerField):
    """A JSON number and nothing else (DRF's ``IntegerField`` also parses strings)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return int(super().to_internal_value(data))


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` and nothing else (DRF's also takes "yes", 1, "on"…)."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


def _check_languages(field: serializers.Field, data: Any) -> dict[str, Any]:
    """The mapping itself, after refusing anything but an object keyed by zh/ru/en."""
    if not isinstance(data, dict):
        field.fail("not_an_object", input_type=type(data).__name__)
    unknown = [str(key) for key in data if key not in CONTENT_LANGUAGES]
    if unknown:
        # Echo a few keys, shortened: a key can be any string the client sent.
        shown = ", ".join(sorted(key[:20] for key in unknown)[:5])
        field.fail("unknown_language", languages=shown)
    return data


def text_schema(max_length: int | None = None) -> dict[str, Any]:
    """OpenAPI schema of a multilingual text; limits are stated for requests only, so that
    answers about older data never contradict the schema."""
    text: dict[str, Any] = {"type": "string"}
    if max_length:
        text["maxLength"] = max_length
    return {
        "type": "object",
        "description": "Text by content language (zh, ru, en); only the languages given.",
        "properties": {language: dict(text) for language in CONTENT_LANGUAGES},
        "additionalProperties": False,
    }


class MultilingualTextField(serializers.Field):
    """A text held in several languages. ``max_length`` applies to each language."""

    default_error_messages = {
        # DRF formats these with str.format: named placeholders in braces.
        "not_an_object": gettext_lazy(
            "Expected an object with one entry per language code (zh, ru, en), but got "
            "{input_type}."
        ),
        "unknown_language": gettext_lazy("Unknown language code: {languages}. Use zh, ru or en."),
        "required_text": gettext_lazy("Enter this text in at least one language."),
    }

    def __init__(
        self, *, max_length: int | None = None, require_text: bool = False, **kwargs: Any
    ) -> None:
        self.max_length = max_length
        self.require_text = require_text
        super().__init__(**kwargs)
        # Each language's text gets DRF's own checks (type, NUL and surrogate characters,
        # length) and its translated messages.
        self.text_field = StrictCharField(
            max_length=max_length, allow_blank=True, trim_whitespace=True
        )

    def to_internal_value(self, data: Any) -> dict[str, str]:
        texts = _check_languages(self, data)
        errors: dict[str, Any] = {}
        cleaned: dict[str, str] = {}
        for language, text in texts.items():
            try:
                cleaned[language] = self.text_field.run_validation(text)
            except serializers.ValidationError as error:
                errors[language] = error.detail
        if errors:
            raise serializers.ValidationError(errors)
        result = clean_texts(cleaned)
        if self.require_text and not result:
            self.fail("required_text")
        return result

    def to_representation(self, value: Any) -> dict[str, str]:
        return clean_texts(value)


class KeywordsField(serializers.Field):
    """Keywords by language: ``{"ru": ["медь", "сплав"], "zh": ["铜合金"]}``."""

    default_error_messages = {
        "not_an_object": MultilingualTextField.default_error_messages["not_an_object"],
        "unknown_language": MultilingualTextField.default_error_messages["unknown_language"],
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words_field = serializers.ListField(
            child=StrictCharField(max_length=MAX_KEYWORD_LENGTH),
            max_length=MAX_KEYWORDS_PER_LANGUAGE,
        )

    def to_internal_value(self, data: Any) -> dict[str, list[str]]:
        keywords = _check_languages(self, data)
        errors: dict[str, Any] = {}
        cleaned: dict[str, list[str]] = {}
        for language, words in keywords.items():
            try:
                unique = dict.fromkeys(self.words_field.run_validation(words))
            except serializers.ValidationError as error:
                errors[language] = error.detail
                continue
            if unique:
                cleaned[language] = list(unique)
        if errors:
            raise serializers.ValidationError(errors)
        return cleaned

    def to_representation(self, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            return {}
        return {
            language: [str(word) for word in value[language]]
            for language in CONTENT_LANGUAGES
            if isinstance(value.get(language), list) and value[language]
        }


def keywords_schema(*, with_limits: bool) -> dict[str, Any]:
    words: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    if with_limits:
        words["items"]["maxLength"] = MAX_KEYWORD_LENGTH
        words["maxItems"] = MAX_KEYWORDS_PER_LANGUAGE
    return {
        "type": "object",
        "description": "Keywords by content language (zh, ru, en).",
        "properties": {language: dict(words) for language in CONTENT_LANGUAGES},
        "additionalProperties": False,
    }
