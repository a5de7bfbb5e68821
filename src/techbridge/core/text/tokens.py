"""Normalised search terms for Chinese, Russian and English text.

``tokenize`` is the one analyser used by BM25 in matching and by the catalogue's
full-text search, so that "медные сплавы" and "медного сплава" give the same terms.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from techbridge.core.text.chinese import segment_for_search
from techbridge.core.text.languages import Language
from techbridge.core.text.scripts import Script, script_of
from techbridge.core.text.stopwords import (
    CHINESE_STOPWORDS,
    ENGLISH_STOPWORDS,
    RUSSIAN_STOPWORDS,
)

# A run of Han characters, or a run of letters and digits (Latin, Cyrillic, or both).
# Hyphens, dashes, dots and slashes separate tokens: "Cu–Cr–Zr" gives "cu", "cr", "zr".
_HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{_HAN_CHARACTERS}]+|[^\\W_{_HAN_CHARACTERS}]+")

# Snowball stemmers are not thread-safe; one per thread.
_stemmers = threading.local()

#: Repeated stemming converges in a couple of steps; the bound only guards the loop.
_MAX_STEMMING_ROUNDS = 4


def normalise(text: str) -> str:
    """Unicode NFKC (full-width → ASCII), case-folded, "ё" → "е"."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def tokenize(text: str, language: Language) -> list[str]:
    """Return the normalised search terms of ``text``, in order, duplicates kept.

    Each token is analysed by its own script, whatever ``language`` says, because
    technical text mixes scripts ("GaN", "IACS" in Chinese and Russian text):
    Han runs are segmented by jieba (search mode), Cyrillic words are Snowball-stemmed
    as Russian, Latin words as English; tokens mixing letters and digits ("c19400",
    "5g", "lifepo4") are kept whole. Stopwords, single letters and numbers of one or
    two digits are dropped. ``language`` is the language of the text as a whole; it is
    part of the signature so that language-specific rules can be added without
    changing callers. Stems are taken to a fixed point, so tokenizing the joined
    output of ``tokenize`` gives the same Russian and English terms again.
    """
    del language  # every rule today is script-driven; see the docstring
    terms: list[str] = []
    for match in _TOKEN.finditer(normalise(text)):
        token = match.group()
        if "\u3400" <= token[0] <= "\ufaff" and script_of(token[0]) is Script.HAN:
            terms.extend(_chinese_terms(token))
        else:
            term = _western_term(token)
            if term is not None:
                terms.append(term)
    return terms


def _chinese_terms(run: str) -> list[str]:
    return [word for word in segment_for_search(run) if word not in CHINESE_STOPWORDS]


@lru_cache(maxsize=200_000)
def _western_term(token: str) -> str | None:
    if token.isdigit():
        return token if len(token) >= 3 else None
    if any(character.isdigit() for character in token):
        return token  # model codes, formulas and grades are matched exactly
    if len(token) < 2:
        return None
    cyrillic = sum(1 for character in token if script_of(character) is Script.CYRILLIC)
    if cyrillic * 2 >= len(token):
        return _stemmed(token, "russian", RUSSIAN_STOPWORDS)
    if all(script_of(character) is Script.LATIN for character in token):
        return _stemmed(token, "english", ENGLISH_STOPWORDS)
    return token  # Greek letters, other scripts: kept as written


def _stemmed(token: str, algorithm: str, stopwords: frozenset[str]) -> str | None:
    if token in stopwords:
        return None
    stem = _fixed_point_stem(token, algorithm)
    if stem in _stemmed_stopwords(algorithm, stopwords) or len(stem) < 2:
        return None
    return stem


@lru_cache(maxsize=200_000)
def _fixed_point_stem(token: str, algorithm: str) -> str:
    stemmer = _stemmer(algorithm)
    current = token
    for _ in range(_MAX_STEMMING_ROUNDS):
        stem: str = stemmer.stemWord(current)
        if stem == current:
            break
        current = stem
    return current


@lru_cache(maxsize=4)
def _stemmed_stopwords(algorithm: str, stopwords: frozenset[str]) -> frozenset[str]:
    # Stopwords as stems too, so an inflected stopword ("которому") is dropped, and so
    # that a word whose stem equals a stopword is dropped on the first pass, not the second.
    return frozenset(_fixed_point_stem(word, algorithm) for word in stopwords) | stopwords


def _stemmer(algorithm: str) -> Any:
    stemmers: dict[str, Any] | None = getattr(_stemmers, "by_algorithm", None)
    if stemmers is None:
        stemmers = {}
        _stemmers.by_algorithm = stemmers
    if algorithm not in stemmers:
        import Stemmer  # PyStemmer; imported on first Russian or English word

        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm]
