"""Codes that import files may use, recognised by code or by label in any language.

A cooperation form may be written ``licence``, ``Licence``, ``Лицензия`` or ``许可``; a
technology field by its code (``materials.copper``) or its name in any of the three
languages. Exports always write the codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import override, pgettext, pgettext_lazy

from techbridge.catalogue.enums import (
    ContentLanguage,
    CooperationForm,
    Currency,
    IntellectualPropertyStatus,
)
from techbridge.catalogue.models import TechnologyField
from techbridge.catalogue.transfer.columns import normalise_header

YES = pgettext_lazy("answer in an import file", "yes")
NO = pgettext_lazy("answer in an import file", "no")
# Spellings of yes and no that spreadsheets and their users produce, whatever the
# interface language; the translated words above are added to them.
YES_WORDS = {"1", "true", "yes", "y", "x", "✓", "да", "д", "是", "对", "有"}
NO_WORDS = {"0", "false", "no", "n", "нет", "н", "否", "不", "无"}


class CodeBook:
    """The accepted spellings of a set of codes, normalised, mapped to the code."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes: list[str] = list(codes)
        self.spellings: dict[str, str] = {normalise_header(code): code for code in self.codes}

    def add(self, spelling: str, code: str) -> None:
        self.spellings.setdefault(normalise_header(spelling), code)

    def find(self, value: str) -> str | None:
        return self.spellings.get(normalise_header(value))

    def listing(self) -> str:
        return ", ".join(self.codes)


def _from_choices(choices: Any) -> CodeBook:
    """Codes of a ``TextChoices`` enum with their labels in every interface language."""
    book = CodeBook(str(value) for value in choices.values)
    for language_code, _name in settings.LANGUAGES:
        with override(language_code):
            for value, label in choices.choices:
                book.add(str(label), str(value))
    return book


def language_codes() -> CodeBook:
    book = _from_choices(ContentLanguage)
    book.add("zh-hans", "zh")
    book.add("zh-cn", "zh")
    return book


def cooperation_codes() -> CodeBook:
    return _from_choices(CooperationForm)


def intellectual_property_codes() -> CodeBook:
    return _from_choices(IntellectualPropertyStatus)


def currency_codes() -> CodeBook:
    return _from_choices(Currency)


def technology_field_codes() -> CodeBook:
    """Fields in use, by code or by their name in any language."""
    fields = list(TechnologyField.objects.filter(is_active=True).order_by("position", "code"))
    book = CodeBook(field.code for field in fields)
    for field in fields:
        for name in (field.names or {}).values():
            if isinstance(name, str) and name.strip():
                book.add(name, field.code)
    return book


def flag_words() -> dict[str, bool]:
    """Every accepted spelling of yes (True) and no (False), normalised."""
    words = {normalise_header(word): True for word in YES_WORDS}
    words.update({normalise_header(word): False for word in NO_WORDS})
    for language_code, _name in settings.LANGUAGES:
        with override(language_code):
            words.setdefault(normalise_header(str(YES)), True)
            words.setdefault(normalise_header(str(NO)), False)
    return words


def flag_text(value: bool) -> str:
    """Yes or no in the active language, as exports write them."""
    return (
        pgettext("answer in an import file", "yes")
        if value
        else pgettext("answer in an import file", "no")
    )
