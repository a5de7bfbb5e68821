"""Script-based language detection for zh / ru / en.

TechBridge texts are Chinese, Russian or English, and these three use three different
scripts, so counting letters by script is both fast and reliable; what needs care is
the text that does not fit: empty text, text in another language, and text that mixes
scripts (a Chinese summary quoting a Russian title). Each gets an explicit status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from techbridge.core.text.languages import Language
from techbridge.core.text.scripts import Script, script_of

#: One Han character carries about as much as three Latin or Cyrillic letters (a
#: Chinese word is 1.5–2 characters, a Russian or English one 5–7 letters), so Han
#: characters count three times when the scripts are weighed against each other.
HAN_WEIGHT = 3.0

#: A text is "mixed" when the second language holds at least this share of the
#: weighted letters; the dominant language is still reported as the best guess.
MIXED_SHARE = 0.3

#: Letters of an unsupported script (kana, Hangul, Arabic…) at or above this share of
#: the weighted letters make the text "unknown": a Japanese text has Han characters too,
#: but its kana show it is not Chinese.
FOREIGN_SHARE = 0.15

_SCRIPT_LANGUAGE: dict[Script, Language] = {
    Script.HAN: "zh",
    Script.CYRILLIC: "ru",
    Script.LATIN: "en",
}


class DetectionStatus(Enum):
    """How confident the detection is."""

    DETECTED = "detected"  # one supported language clearly dominates
    MIXED = "mixed"  # two or more supported languages; ``language`` is the dominant one
    EMPTY = "empty"  # no letters at all (blank, digits, punctuation)
    UNKNOWN = "unknown"  # letters, but of a script TechBridge does not support


@dataclass(frozen=True)
class LanguageDetection:
    """The outcome of :func:`detect_language`.

    ``language`` is set for ``DETECTED`` and ``MIXED`` and is ``None`` otherwise;
    ``shares`` maps each supported language (and ``"other"``) to its share of the
    weighted letters, summing to 1 unless the text is empty.
    """

    language: Language | None
    status: DetectionStatus
    shares: Mapping[str, float] = field(default_factory=dict)

    @property
    def is_usable(self) -> bool:
        """True when a language was found (clearly or as the dominant one of a mix)."""
        return self.language is not None


def detect_language(text: str) -> LanguageDetection:
    """Detect whether ``text`` is Chinese, Russian or English from the scripts it uses.

    Promises: blank or letterless text → ``EMPTY``; a noticeable share of unsupported
    scripts, or no supported script at all → ``UNKNOWN``; a second supported language
    with at least ``MIXED_SHARE`` of the letters → ``MIXED`` with the dominant language;
    otherwise ``DETECTED``. Latin acronyms inside Chinese or Russian text (``GaN``,
    ``IACS``) do not make it mixed unless they are a large part of it.
    """
    weights: dict[str, float] = {}
    # Each distinct character is classified once (counting is done in C).
    for character, count in Counter(text).items():
        script = script_of(character)
        if script is Script.NOT_A_LETTER:
            continue
        language = _SCRIPT_LANGUAGE.get(script)
        weight = HAN_WEIGHT if script is Script.HAN else 1.0
        key = language if language is not None else "other"
        weights[key] = weights.get(key, 0.0) + weight * count
    total = sum(weights.values())
    if total == 0:
        return LanguageDetection(None, DetectionStatus.EMPTY, {})
    shares = {name: weights.get(name, 0.0) / total for name in ("zh", "ru", "en", "other")}
    if shares["other"] >= FOREIGN_SHARE:
        return LanguageDetection(None, DetectionStatus.UNKNOWN, shares)
    ranked: list[Language] = sorted(("zh", "ru", "en"), key=lambda name: -shares[name])
    best, second = ranked[0], ranked[1]
    status = DetectionStatus.MIXED if shares[second] >= MIXED_SHARE else DetectionStatus.DETECTED
    return LanguageDetection(best, status, shares)
