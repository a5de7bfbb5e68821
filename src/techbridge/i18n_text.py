"""Texts that users write, stored with their language.

A multilingual text is a mapping ``{"zh": "…", "ru": "…", "en": "…"}`` (content language
codes, not interface codes). Pages show the reader's language first and say when they
show another; ``pick_text`` makes that choice in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = ("zh", "ru", "en")
CONTENT_LANGUAGE_NAMES = {
    "zh": _("Chinese"),
    "ru": _("Russian"),
    "en": _("English"),
}
# The order in which to fall back when the reader's language is missing: a Chinese reader
# more often reads English than Russian, a Russian reader too.
FALLBACK_ORDER = {
    "zh": ("zh", "en", "ru"),
    "ru": ("ru", "en", "zh"),
    "en": ("en", "ru", "zh"),
}


def content_language(interface_language: str | None = None) -> str:
    """The content language code for an interface language (``zh-hans`` → ``zh``)."""
    code = (interface_language or get_language() or "en").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("ru"):
        return "ru"
    return "en"


@dataclass(frozen=True)
class PickedText:
    """The text to show, its language, and whether it is not in the reader's language."""

    text: str
    language: str
    is_fallback: bool

    @property
    def language_name(self) -> str:
        return str(CONTENT_LANGUAGE_NAMES.get(self.language, self.language))

    def __str__(self) -> str:
        return self.text


def clean_texts(value: Any) -> dict[str, str]:
    """Keep only known languages with non-blank text, stripped."""
    if not isinstance(value, dict):
        return {}
    return {
        language: str(value[language]).strip()
        for language in CONTENT_LANGUAGES
        if isinstance(value.get(language), str) and value[language].strip()
    }


def pick_text(texts: dict[str, str] | None, reader_language: str | None = None) -> PickedText:
    """The reader's language if present, else the first available in fallback order."""
    available = clean_texts(texts)
    wanted = content_language(reader_language)
    for language in FALLBACK_ORDER[wanted]:
        if language in available:
            return PickedText(available[language], language, language != wanted)
    return PickedText("", wanted, False)


def ordered_texts(
    texts: dict[str, str] | None, reader_language: str | None = None
) -> list[PickedText]:
    """Every available language, the reader's first, each labelled."""
    available = clean_texts(texts)
    wanted = content_language(reader_language)
    return [
        PickedText(available[language], language, language != wanted)
        for language in FALLBACK_ORDER[wanted]
        if language in available
    ]


class MultilingualTextField(models.JSONField):
    """A text field held in several languages as ``{language: text}``."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        cleaned = clean_texts(value)
        if not self.blank and not cleaned:
            raise ValidationError(_("Enter this text in at least one language."), code="required")
        if self.text_max_length:
            for language, text in cleaned.items():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _(
                            "The %(language)s text is too long (%(length)d characters, at most "
                            "%(limit)d)."
                        ),
                        code="max_length",
                        params={
                            "language": CONTENT_LANGUAGE_NAMES[language],
                            "length": len(text),
                            "limit": self.text_max_length,
                        },
                    )

    def formfield(self, **kwargs: Any) -> forms.Field:  # type: ignore[override]
        defaults: dict[str, Any] = {
            "form_class": MultilingualTextFormField,
            "max_length": self.text_max_length,
            "required": not self.blank,
            "multiline": self.text_max_length is None or self.text_max_length > 300,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("encoder", None)
        defaults.pop("decoder", None)
        return form_class(**defaults)


class MultilingualTextWidget(forms.MultiWidget):
    """Side-by-side inputs, one per language, each labelled with its language."""

    template_name = "web/widgets/multilingual_text.html"

    def __init__(self, multiline: bool = False, attrs: dict[str, Any] | None = None) -> None:
        widgets = {}
        for language in CONTENT_LANGUAGES:
            language_attrs = {"lang": "zh-Hans" if language == "zh" else language}
            widgets[language] = (
                forms.Textarea(attrs={"rows": 4, **language_attrs})
                if multiline
                else forms.TextInput(attrs=language_attrs)
            )
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str]:
        texts = clean_texts(value)
        return [texts.get(language, "") for language in CONTENT_LANGUAGES]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for subwidget, language in zip(
            context["widget"]["subwidgets"], CONTENT_LANGUAGES, strict=True
        ):
            subwidget["language"] = language
            subwidget["language_name"] = CONTENT_LANGUAGE_NAMES[language]
        return context


class MultilingualTextFormField(forms.MultiValueField):
    """Form side of ``MultilingualTextField``: requires ``minimum_languages`` texts."""

    def __init__(
        self,
        *,
        max_length: int | None = None,
        required: bool = True,
        multiline: bool = False,
        minimum_languages: int = 1,
        **kwargs: Any,
    ) -> None:
        self.minimum_languages = minimum_languages if required else 0
        fields = tuple(
            forms.CharField(required=False, max_length=max_length, strip=True)
            for _language in CONTENT_LANGUAGES
        )
        kwargs.pop("widget", None)
        super().__init__(
            fields=fields,
            required=required,
            require_all_fields=False,
            widget=MultilingualTextWidget(multiline=multiline),
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dict[str, str]:
        if not data_list:
            return {}
        return clean_texts(dict(zip(CONTENT_LANGUAGES, data_list, strict=False)))

    def validate(self, value: dict[str, str]) -> None:
        if len(value) < self.minimum_languages:
            raise ValidationError(
                ngettext(
                    "Enter this text in at least %(count)d language.",
                    "Enter this text in at least %(count)d languages.",
                    self.minimum_languages,
                ),
                code="required",
                params={"count": self.minimum_languages},
            )


# Short labels shown beside each text to say which language it is in.
SHORT_LANGUAGE_LABELS = {
    "zh": pgettext_lazy("short label of the Chinese language", "ZH"),
    "ru": pgettext_lazy("short label of the Russian language", "RU"),
    "en": pgettext_lazy("short label of the English language", "EN"),
}
