"""The languages TechBridge handles, as one small vocabulary shared by text and matching."""

from __future__ import annotations

from typing import Literal, TypeGuard

Language = Literal["zh", "ru", "en"]

#: In the order used for display and for stable iteration.
SUPPORTED_LANGUAGES: tuple[Language, ...] = ("zh", "ru", "en")


def is_supported_language(value: object) -> TypeGuard[Language]:
    """True when ``value`` is one of ``zh``, ``ru``, ``en``."""
    return value in SUPPORTED_LANGUAGES
