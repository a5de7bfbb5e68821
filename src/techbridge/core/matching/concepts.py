"""The trilingual concept layer: technical concepts found in text of any language.

A concept ("copper alloy" · 铜合金 · медный сплав) is found by its terms in all three
languages, whatever the language of the text, so two texts in different languages
that name the same concepts share evidence. This is the lexical signal that works
across languages: BM25 over words cannot, because a Chinese and a Russian text share
no words.

Terms are matched the way the catalogue search analyses text: Chinese terms as
substrings of the normalised text; Russian and English terms as sequences of Snowball
stems (any inflection), a multi-word term matching when all its stems occur within a
window one token longer than the term, in any order ("сплавы медные", "медных и
никелевых сплавов").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from techbridge.core.text import SUPPORTED_LANGUAGES, Language, normalise, tokenize
from techbridge.core.text.scripts import is_han

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Concept:
    """One concept: an id, its domain, and its terms per language (label first)."""

    id: str
    domain: str
    terms: Mapping[Language, tuple[str, ...]]

    def label(self, language: Language) -> str:
        """The concept's name in ``language`` (its first term there)."""
        terms = self.terms.get(language) or next(iter(self.terms.values()))
        return terms[0]

    def labels(self) -> dict[Language, str]:
        """The concept's name in every language it has terms in."""
        return {language: terms[0] for language, terms in self.terms.items() if terms}


class ConceptLexicon:
    """Finds concepts in text. Built once; :meth:`find` is thread-safe."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self._concepts = {concept.id: concept for concept in concepts}
        if len(self._concepts) != len(concepts):
            raise ValueError("concept ids must be unique")
        # Chinese terms by exact string, and the term lengths to try at each position.
        self._han_terms: dict[str, set[str]] = {}
        # Stemmed terms by their first stem: (stems, concept id).
        self._stem_terms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for concept in concepts:
            for language, terms in concept.terms.items():
                for term in terms:
                    self._add_term(concept.id, language, term)
        self._han_lengths = sorted({len(term) for term in self._han_terms}, reverse=True)

    def _add_term(self, concept_id: str, language: Language, term: str) -> None:
        normalised = normalise(term).strip()
        if not normalised:
            return
        if any(is_han(character) for character in normalised):
            self._han_terms.setdefault(normalised, set()).add(concept_id)
            return
        stems = tuple(tokenize(term, language))
        if stems:
            for stem in set(stems):
                entries = self._stem_terms.setdefault(stem, [])
                if (stems, concept_id) not in entries:
                    entries.append((stems, concept_id))

    def __len__(self) -> int:
        return len(self._concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def __getitem__(self, concept_id: str) -> Concept:
        return self._concepts[concept_id]

    def concepts(self) -> Iterable[Concept]:
        """All concepts, in lexicon order."""
        return self._concepts.values()

    def find(self, text: str, language: Language) -> dict[str, int]:
        """Concepts named in ``text``, each with how many places name it.

        ``language`` guides the analysis of words whose script is shared (it is passed
        to :func:`~techbridge.core.text.tokenize`); Chinese, Russian and English terms
        are all looked for in every text.
        """
        spans: dict[str, list[tuple[int, int]]] = {}
        normalised = normalise(text)
        for run in _HAN_RUN.finditer(normalised):
            self._find_han(run.group(), run.start(), spans)
        # Token positions are offset past every character position, so Han and token
        # spans never merge with each other.
        self._find_stems(tokenize(_without_han(normalised), language), len(normalised), spans)
        return {concept_id: _count_disjoint(found) for concept_id, found in spans.items()}

    def _find_han(self, run: str, offset: int, spans: dict[str, list[tuple[int, int]]]) -> None:
        for start in range(len(run)):
            for length in self._han_lengths:
                if start + length > len(run):
                    continue
                for concept_id in self._han_terms.get(run[start : start + length], ()):
                    spans.setdefault(concept_id, []).append(
                        (offset + start, offset + start + length)
                    )

    def _find_stems(
        self, tokens: list[str], offset: int, spans: dict[str, list[tuple[int, int]]]
    ) -> None:
        for index, token in enumerate(tokens):
            for stems, concept_id in self._stem_terms.get(token, ()):
                if stems[0] != token:
                    continue  # every match is found from the position of its first stem
                window_start = max(0, index - len(stems))
                window_end = min(len(tokens), index + len(stems) + 1)
                places = [index]
                for stem in stems[1:]:
                    nearest = min(
                        (
                            position
                            for position in range(window_start, window_end)
                            if tokens[position] == stem and position != index
                        ),
                        key=lambda position: abs(position - index),
                        default=None,
                    )
                    if nearest is None:
                        break
                    places.append(nearest)
                else:
                    spans.setdefault(concept_id, []).append(
                        (offset + min(places), offset + max(places) + 1)
                    )


def _count_disjoint(spans: list[tuple[int, int]]) -> int:
    """How many separate places the (possibly overlapping) spans cover."""
    count = 0
    reach = -1
    for start, end in sorted(spans):
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


def _without_han(text: str) -> str:
    # Han runs are matched as substrings; removing them keeps tokenize from segmenting
    # them again with jieba, which the concept search does not need.
    return _HAN_RUN.sub(" ", text)


def parse_lexicon(lines: Iterable[str]) -> ConceptLexicon:
    """Build a lexicon from TSV lines: id, domain, zh, ru, en ("|" between synonyms).

    Lines starting with "#" and the header line (first field "id") are skipped.
    Raises ``ValueError`` naming the line of a malformed row.
    """
    concepts: list[Concept] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "id":
            continue
        if len(fields) != 2 + len(SUPPORTED_LANGUAGES):
            raise ValueError(f"concept lexicon line {number}: expected 5 tab-separated fields")
        concept_id, domain, *per_language = fields
        terms: dict[Language, tuple[str, ...]] = {}
        for language, cell in zip(SUPPORTED_LANGUAGES, per_language, strict=True):
            values = tuple(term.strip() for term in cell.split("|") if term.strip())
            if values:
                terms[language] = values
        if not terms:
            raise ValueError(f"concept lexicon line {number}: no terms")
        concepts.append(Concept(concept_id, domain, terms))
    return ConceptLexicon(concepts)


@lru_cache(maxsize=1)
def default_lexicon() -> ConceptLexicon:
    """The lexicon shipped with TechBridge (``data/concepts.tsv``), loaded once."""
    data = resources.files("techbridge.core.matching").joinpath("data/concepts.tsv")
    return parse_lexicon(data.read_text(encoding="utf-8").splitlines())
