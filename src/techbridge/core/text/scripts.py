"""Which writing system a character belongs to: the evidence for language detection and
for choosing how a token is normalised."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import cache


class Script(Enum):
    """The writing systems TechBridge distinguishes."""

    HAN = "han"
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    KANA = "kana"
    HANGUL = "hangul"
    OTHER_LETTER = "other_letter"
    NOT_A_LETTER = "not_a_letter"


# Inclusive code point ranges of CJK ideographs (unified, extensions A–F, compatibility).
_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
    (0x30000, 0x3134F),
)
_CYRILLIC_RANGES = ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))
_KANA_RANGES = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D))
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))


def _character_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges) + "]")


#: One CJK ideograph; one Cyrillic letter (for counting with ``findall``).
HAN_CHARACTER = _character_class(_HAN_RANGES)
CYRILLIC_CHARACTER = _character_class(_CYRILLIC_RANGES)


def _in_ranges(code_point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code_point <= high for low, high in ranges)


@cache
def script_of(character: str) -> Script:
    """Classify one character. Digits, punctuation and spaces are ``NOT_A_LETTER``.

    Remembered per character: language detection, tokenisation and concept finding ask
    about every character of every text, and a catalogue uses a few thousand distinct
    characters (this made indexing 10,000 items about 15 s faster)."""
    code_point = ord(character)
    if _in_ranges(code_point, _HAN_RANGES):
        return Script.HAN
    if _in_ranges(code_point, _KANA_RANGES):
        return Script.KANA
    if _in_ranges(code_point, _HANGUL_RANGES):
        return Script.HANGUL
    if not unicodedata.category(character).startswith("L"):
        return Script.NOT_A_LETTER
    if _in_ranges(code_point, _CYRILLIC_RANGES):
        return Script.CYRILLIC
    # Basic Latin, Latin-1 Supplement, Latin Extended-A/B/Additional, full-width Latin.
    if code_point < 0x0250 or 0x1E00 <= code_point <= 0x1EFF or 0xFF21 <= code_point <= 0xFF5A:
        return Script.LATIN
    return Script.OTHER_LETTER


def is_han(character: str) -> bool:
    """True for a CJK ideograph."""
    return script_of(character) is Script.HAN
