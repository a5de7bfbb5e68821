"""Word lists from which ``catalogue_bench.py`` composes its synthetic technology offers.

The phrases live in ``bench/data/catalogue_vocabulary.tsv``, written for the benchmark
(no external data). Every subfield of the platform's taxonomy has a few technology
subjects, every top-level field a few applications; titles and summaries combine them
with generic processes, benefits and evidence sentences, in Russian, Chinese and
English, so that the search index gets a realistic mix of very common terms
(«технолог», 技术), field-specific ones («медн», 铜合金) and, with product codes, a long
tail of rare ones.

A subject is ``(Russian nominative, Russian genitive, Chinese, English)``; an
organisation kind ``(Russian, Chinese, English, organisation type)``; every other phrase
``(Russian, Chinese, English)``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "data" / "catalogue_vocabulary.tsv"

Phrases = list[tuple[str, ...]]


def _sections() -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """``{section: {key: [phrase columns, …]}}`` in the file's order."""
    sections: dict[str, dict[str, list[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(list))
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        section, key, *columns = line.split("\t")
        sections[section][key].append(tuple(columns))
    return sections


def _phrases(section: str, width: int) -> Phrases:
    rows = _SECTIONS[section]["-"]
    if not rows or any(len(row) != width for row in rows):
        raise ValueError(f"{SOURCE.name}: section {section!r} needs {width} columns a line")
    return rows


def _keyed(section: str, width: int) -> dict[str, Phrases]:
    rows = _SECTIONS[section]
    if any(len(row) != width for phrases in rows.values() for row in phrases):
        raise ValueError(f"{SOURCE.name}: section {section!r} needs {width} columns a line")
    return dict(rows)


_SECTIONS = _sections()

#: Technology subjects by taxonomy subfield code.
SUBJECTS: dict[str, Phrases] = _keyed("subject", 4)
#: Applications ("для электротехнической промышленности") by top-level field code.
APPLICATIONS: dict[str, Phrases] = _keyed("application", 3)
#: Title heads followed by a subject in the genitive; the Chinese head follows the subject.
PROCESSES: Phrases = _phrases("process", 3)
BENEFITS: Phrases = _phrases("benefit", 3)
INCUMBENTS: Phrases = _phrases("incumbent", 3)
EVIDENCE: Phrases = _phrases("evidence", 3)
#: Organisation names: Russian regions as adjectives, Chinese cities.
RUSSIAN_REGIONS: Phrases = _phrases("russian-region", 3)
CHINESE_CITIES: Phrases = _phrases("chinese-city", 3)
RUSSIAN_ORGANISATION_KINDS: Phrases = _phrases("russian-organisation", 4)
CHINESE_ORGANISATION_KINDS: Phrases = _phrases("chinese-organisation", 4)
#: Prefixes of product codes ("КМ3127"): tokens mixing letters and digits are kept whole,
#: which gives the index its long tail of rare terms.
CODE_PREFIXES = ("КМ", "СТ", "ТБ", "НП", "ВТ", "TB", "HX", "GX")
