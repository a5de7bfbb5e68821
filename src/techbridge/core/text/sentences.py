"""Sentence splitting for Chinese, Russian and English technical prose.

Used to find the best-matching sentence pair of two texts (the "why" of a match), so
it favours clean, complete sentences over perfect linguistics: it never splits inside
a decimal number ("4.5 μm"), after a known abbreviation ("т. е.", "e.g.") or after an
initial ("А. С. Попов"), and it always splits at line breaks.
"""

from __future__ import annotations

import re

from techbridge.core.text.languages import Language

# Chinese full stops, question and exclamation marks, semicolons and ellipses end a
# sentence wherever they stand; any closing quotes or brackets stay with it.
_CHINESE_END = re.compile(r"[。！？；!?…]+[”’」』）)》]*")

# In Russian and English a sentence ends at . ! ? … followed by optional closing
# quotes/brackets, whitespace, and something that can start a sentence.
_WESTERN_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЁ0-9\u4e00-\u9fff])")

# Abbreviations after which a full stop does not end a sentence (lower-cased, without
# the dot). Single letters are handled separately (initials, "т. е.").
_ABBREVIATIONS = frozenset(
    {
        # Russian
        "гг", "др", "пр", "см", "рис", "табл", "им", "ул", "руб", "млн", "млрд", "тыс",
        "стр", "проф", "акад", "доц", "канд", "напр", "г-н", "т.е", "т.д", "т.п", "т.к",
        "т.н", "ок", "ср", "вкл", "мин", "макс", "прим", "мм", "ред",
        # English
        "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "prof", "fig", "figs", "no", "nos",
        "vs", "approx", "inc", "ltd", "co", "corp", "st", "jr", "sr", "dept", "univ",
        "eq", "ref", "al", "vol", "max", "min",
    }
)  # fmt: skip

_LAST_WORD = re.compile(r"([\w.\-]+)$")


def split_sentences(text: str, language: Language) -> list[str]:
    """Split ``text`` into sentences, each stripped and non-empty, in reading order.

    Line breaks always end a sentence. Chinese rules apply to ``zh`` and to any
    Chinese punctuation inside Russian or English text; Russian and English share
    the Western rules. Joining the result with spaces keeps every non-space character.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        for piece in _split_chinese(line):
            if language == "zh":
                sentences.extend(_split_western(piece, chinese_context=True))
            else:
                sentences.extend(_split_western(piece, chinese_context=False))
    return [sentence for sentence in (part.strip() for part in sentences) if sentence]


def _split_chinese(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _CHINESE_END.finditer(line):
        # A lone "?" or "!" inside Western text is handled by the Western rules.
        mark = match.group().rstrip("”’」』）)》")
        if mark in {"!", "?"} and not _next_is_han(line, match.end()):
            continue
        pieces.append(line[start : match.end()])
        start = match.end()
    pieces.append(line[start:])
    return pieces


def _next_is_han(line: str, position: int) -> bool:
    rest = line[position:].lstrip()
    return bool(rest) and "\u4e00" <= rest[0] <= "\u9fff"


def _split_western(piece: str, *, chinese_context: bool) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _WESTERN_END.finditer(piece):
        before = piece[start : match.start()]
        if match.group()[0] == "." and _is_abbreviation(before):
            continue
        if chinese_context and match.group()[0] == ".":
            # In Chinese text a Western full stop is usually part of a number or a name.
            continue
        pieces.append(piece[start : match.end()])
        start = match.end()
    pieces.append(piece[start:])
    return pieces


def _is_abbreviation(text_before_dot: str) -> bool:
    match = _LAST_WORD.search(text_before_dot)
    if match is None:
        return False
    word = match.group(1).lower().strip(".-")
    preceding = text_before_dot[: match.start()].rstrip()[-1:]
    is_unit = preceding in {"°", "℃"} or preceding.isdigit()
    if len(word) == 1 and word.isalpha() and not is_unit:
        # An initial ("А. С. Попов", "J. Smith") or one-letter abbreviation ("т. е."),
        # but not a unit ("450 °C.", "5 V.").
        return True
    return word in _ABBREVIATIONS or word.split(".")[-1] in _ABBREVIATIONS
