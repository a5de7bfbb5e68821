"""Place names and calendar words that a translation keeps (``data/names.tsv``).

Two sentences that differ only in a city, a province or a season ("the next forum is
planned for spring in Harbin" / "… for autumn in Harbin") are different sentences, yet
their embeddings are almost the same. Sentence alignment therefore counts shared names
as evidence, next to shared numbers and concepts (:mod:`alignment`). Names are not
used in matching: that a need and an offer mention the same province says nothing
about whether one solves the other.

Matching is deliberately simpler and stricter than the concept lexicon's stemming,
which cuts short names too far (Snowball takes «Урал» to «ур» and «осень» to «ос»):

* Chinese names are found as substrings;
* an English name matches the same words, case-insensitively;
* a Russian name matches its stem followed by a case ending: the stem is the name
  without a declinable ending (-ий, -ый, -ой, -ая, -яя, -ия, -а, -я, -й, -ь), the
  endings are the usual noun and adjective case endings plus the name's own
  («Харбин» → «Харбине»; «Москва» → «Москвой»; «Внутренняя Монголия» → «Внутренней
  Монголии»); a name ending in a consonant takes the endings directly («Харбин» →
  «Харбине»). Names ending in another vowel (most transliterated Chinese names:
  «Цзянси», «Хэйхэ») do not decline and match only as written; derived adjectives («китайский»,
  «германий» the element) are not the name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from techbridge.core.matching.concepts import parse_lexicon
from techbridge.core.text import Language

NAME_PREFIX = "name:"
_DECLINABLE = ("ий", "ый", "ой", "ая", "яя", "ия", "а", "я", "й", "ь")
_CASE_ENDINGS = frozenset(
    {"", "а", "у", "е", "и", "ы", "ю", "я", "ой", "ей", "ом", "ем", "ью", "ию", "ия", "ии"}
    | {"ией", "ая", "яя", "ую", "юю", "ее", "ое", "их", "ых", "ого", "его", "ому", "ему"}
    | {"ым", "им"}
)
_SHORTEST_STEM = 3
#: Names ending in these vowels (after the declinable endings are tried) do not decline.
_INDECLINABLE_FINALS = set("аеёиоуыэюя")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _words(text: str) -> list[str]:
    return [word.lower().replace("ё", "е") for word in _WORD.findall(text)]


def _russian_form(word: str) -> tuple[str, frozenset[str]]:
    """The stem of a Russian name word and the endings it may take."""
    for ending in _DECLINABLE:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[: -len(ending)], _CASE_ENDINGS | {ending}
    if word[-1] in _INDECLINABLE_FINALS:
        return word, frozenset({""})
    return word, _CASE_ENDINGS


class NameList:
    def __init__(self, rows: Iterable[tuple[str, dict[Language, tuple[str, ...]]]]) -> None:
        self._chinese: list[tuple[str, str]] = []
        self._english: dict[tuple[str, ...], str] = {}
        self._russian: list[tuple[tuple[tuple[str, frozenset[str]], ...], str]] = []
        for name_id, terms in rows:
            for term in terms.get("zh", ()):
                self._chinese.append((term, name_id))
            for term in terms.get("en", ()):
                self._english[tuple(_words(term))] = name_id
            for term in terms.get("ru", ()):
                self._russian.append((tuple(_russian_form(w) for w in _words(term)), name_id))
        # Longest names first: the words of "Inner Mongolia" are not also "Mongolia".
        self._chinese.sort(key=lambda entry: -len(entry[0]))
        self._russian.sort(key=lambda entry: -len(entry[0]))
        self._english_lengths = sorted({len(words) for words in self._english}, reverse=True)

    def find(self, text: str, language: Language) -> Counter[str]:
        """The names in ``text`` (a text in ``language``), with how often each occurs;
        a longer name hides the shorter names inside it."""
        found: Counter[str] = Counter()
        if language == "zh":
            for term, name_id in self._chinese:
                count = text.count(term)
                if count:
                    found[NAME_PREFIX + name_id] += count
                    text = text.replace(term, " ")
            return found
        words = _words(text)
        taken = [False] * len(words)
        if language == "en":
            for length in self._english_lengths:
                for start in range(len(words) - length + 1):
                    english = self._english.get(tuple(words[start : start + length]))
                    if english is not None and not any(taken[start : start + length]):
                        found[NAME_PREFIX + english] += 1
                        taken[start : start + length] = [True] * length
            return found
        for forms, russian in self._russian:
            for start in range(len(words) - len(forms) + 1):
                if not any(taken[start : start + len(forms)]) and all(
                    word.startswith(stem) and word[len(stem) :] in endings
                    for word, (stem, endings) in zip(
                        words[start : start + len(forms)], forms, strict=True
                    )
                ):
                    found[NAME_PREFIX + russian] += 1
                    taken[start : start + len(forms)] = [True] * len(forms)
        return found


@lru_cache(maxsize=1)
def default_names() -> NameList:
    """The name list shipped with TechBridge, loaded once."""
    text = resources.files("techbridge.core.matching").joinpath("data/names.tsv")
    lexicon = parse_lexicon(text.read_text(encoding="utf-8").splitlines())
    return NameList((concept.id, dict(concept.terms)) for concept in lexicon.concepts())
