"""Lexical evidence: Okapi BM25 per language, and language-neutral terms for matching.

Two uses, two vocabularies:

* :class:`LanguageBm25` ranks texts of one language by their shared search terms
  (``tokenize``), for keyword search within a language (the catalogue's search box).
  It cannot compare a Chinese and a Russian text, which share no words, and mixed into
  cross-lingual matching it would favour same-language pairs; so matching does not use it.
* :func:`neutral_terms` gives the terms that mean the same in every language: concept
  ids from the trilingual lexicon ("concept:mat.copper_alloy") and codes written alike
  in all languages ("code:c19400", "code:lifepo4", "code:gan"). BM25 over these is the
  lexical signal of matching; it is language-neutral by construction.

BM25 here: score(q, d) = Σ_t∈q idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
idf(t) = ln(1 + (N − df(t) + 0.5)/(df(t) + 0.5)), with k1 = 1.2, b = 0.75.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from techbridge.core.matching.concepts import ConceptLexicon
from techbridge.core.text import Language, tokenize

CONCEPT_PREFIX = "concept:"
CODE_PREFIX = "code:"

# Words of Latin letters and digits as written (case kept, to recognise acronyms).
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")

# Units and unit-like acronyms that appear in every language's text but say nothing
# about what the technology is (and are written in Cyrillic in Russian: "МПа").
_UNIT_CODES = frozenset(
    {
        "mpa", "gpa", "kpa", "pa", "mm", "cm", "km", "nm", "um", "kg", "kw", "mw", "gw",
        "kwh", "mwh", "gwh", "hz", "khz", "mhz", "ghz", "iacs", "rpm", "ppm", "ppb", "db",
        "kv", "mv", "ma", "ah", "mah", "wh", "vdc", "vac", "ac", "dc", "trl", "ip", "co",
        "ltd", "llc", "inc", "rmb", "usd", "eur", "rub", "cny",
    }
)  # fmt: skip


def extract_codes(text: str) -> list[str]:
    """Codes written alike in every language: Latin words with two or more capitals
    ("IACS" is a unit and dropped, "GaN", "PLC") or mixing letters and digits
    ("C19400", "LiFePO4", "5G"), lower-cased."""
    codes: list[str] = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        capitals = sum(1 for character in word if character.isupper())
        has_digit = any(character.isdigit() for character in word)
        has_letter = any(character.isalpha() for character in word)
        if capitals >= 2 or (has_digit and has_letter):
            code = word.lower()
            if code not in _UNIT_CODES:
                codes.append(code)
    return codes


def neutral_terms(text: str, language: Language, lexicon: ConceptLexicon) -> Counter[str]:
    """Language-neutral terms of ``text`` with their counts: concepts and codes."""
    terms: Counter[str] = Counter()
    for concept_id, count in lexicon.find(text, language).items():
        terms[CONCEPT_PREFIX + concept_id] += count
    for code in extract_codes(text):
        terms[CODE_PREFIX + code] += 1
    return terms


class Bm25Index:
    """BM25 over documents given as term counts, with vectorised scoring.

    Documents can be added and removed; the sparse weight matrix is rebuilt lazily on
    the next query after a change (O(total terms)).
    """

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._documents: dict[str, Counter[str]] = {}
        self._matrix: sparse.csr_matrix | None = None
        self._order: list[str] = []
        self._row_of: dict[str, int] = {}
        self._columns: dict[str, int] = {}
        self._idf: NDArray[np.float64] = np.zeros(0)
        self._average_length = 1.0
        self._typical_self_score = 0.0

    def __len__(self) -> int:
        return len(self._documents)

    def add(self, document_id: str, terms: Mapping[str, int]) -> None:
        """Store (or replace) a document's term counts."""
        self._documents[document_id] = Counter({term: n for term, n in terms.items() if n > 0})
        self._matrix = None

    def remove(self, document_ids: Iterable[str]) -> None:
        """Forget documents; unknown ids are ignored."""
        for document_id in document_ids:
            if self._documents.pop(document_id, None) is not None:
                self._matrix = None

    def document_ids(self) -> list[str]:
        """Ids in the row order of :meth:`score_all`."""
        self._build()
        return list(self._order)

    def rows_of(self, document_ids: Sequence[str]) -> list[int]:
        """Rows of these documents in :meth:`score_all` results."""
        self._build()
        return [self._row_of[document_id] for document_id in document_ids]

    def idf(self, term: str) -> float:
        """The inverse document frequency of ``term`` (0 for an unknown term)."""
        self._build()
        column = self._columns.get(term)
        return float(self._idf[column]) if column is not None else 0.0

    def score_all(
        self, query: Mapping[str, int], documents: NDArray[np.int64] | None = None
    ) -> NDArray[np.float64]:
        """BM25 of ``query`` against every document, in :meth:`document_ids` order, or
        only against the documents at positions ``documents`` of that order.

        Each query term counts once (repeating a word in a query does not weigh it more).
        """
        self._build()
        assert self._matrix is not None
        matrix = self._matrix if documents is None else self._matrix[documents]
        weights = np.zeros(len(self._columns))
        for term in query:
            column = self._columns.get(term)
            if column is not None:
                weights[column] = self._idf[column]
        scores: NDArray[np.float64] = np.asarray(matrix @ weights).ravel()
        return scores

    def self_score(self, query: Mapping[str, int]) -> float:
        """The score ``query`` would get against a document identical to it: the
        normaliser that puts BM25 scores of this query on a 0–1 scale."""
        self._build()
        length = sum(query.values())
        total = 0.0
        for term, count in query.items():
            column = self._columns.get(term)
            if column is None:
                continue
            total += self._idf[column] * self._saturate(count, length)
        return total

    def typical_self_score(self) -> float:
        """The median of the documents' self-scores: the evidence a typical document
        has. Normalising by at least this keeps a query with one or two terms from
        reaching scores near 1 on a single shared term."""
        self._build()
        return self._typical_self_score

    def _saturate(self, count: float, length: float) -> float:
        normaliser = self.k1 * (1.0 - self.b + self.b * length / self._average_length)
        return count * (self.k1 + 1.0) / (count + normaliser)

    def _build(self) -> None:
        if self._matrix is not None:
            return
        self._order = list(self._documents)
        self._row_of = {document_id: row for row, document_id in enumerate(self._order)}
        self._columns = {}
        for terms in self._documents.values():
            for term in terms:
                self._columns.setdefault(term, len(self._columns))
        lengths = [sum(terms.values()) for terms in self._documents.values()]
        self._average_length = max(float(np.mean(lengths)) if lengths else 1.0, 1.0)
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        frequency = np.zeros(len(self._columns))
        for row, (terms, length) in enumerate(zip(self._documents.values(), lengths, strict=True)):
            for term, count in terms.items():
                column = self._columns[term]
                rows.append(row)
                columns.append(column)
                values.append(self._saturate(count, length))
                frequency[column] += 1
        count_documents = len(self._order)
        self._idf = np.log1p((count_documents - frequency + 0.5) / (frequency + 0.5))
        self._matrix = sparse.csr_matrix(
            (values, (rows, columns)), shape=(count_documents, len(self._columns))
        )
        self_scores = [self.self_score(terms) for terms in self._documents.values()]
        self._typical_self_score = float(np.median(self_scores)) if self_scores else 0.0


class LanguageBm25:
    """One :class:`Bm25Index` per language over ``tokenize`` terms: keyword search that
    finds "медного сплава" for the query "медные сплавы"."""

    def __init__(self) -> None:
        self._indexes: dict[Language, Bm25Index] = {}
        self._languages: dict[str, Language] = {}

    def add(self, document_id: str, text: str, language: Language) -> None:
        """Index (or re-index) a document under its language."""
        self.remove([document_id])
        self._indexes.setdefault(language, Bm25Index()).add(
            document_id, Counter(tokenize(text, language))
        )
        self._languages[document_id] = language

    def remove(self, document_ids: Iterable[str]) -> None:
        """Forget documents; unknown ids are ignored."""
        for document_id in document_ids:
            language = self._languages.pop(document_id, None)
            if language is not None:
                self._indexes[language].remove([document_id])

    def search(self, query: str, language: Language, top: int = 10) -> list[tuple[str, float]]:
        """The ``top`` documents of ``language`` by BM25 for ``query``, best first;
        documents sharing no term are left out."""
        index = self._indexes.get(language)
        if index is None or len(index) == 0:
            return []
        scores = index.score_all(Counter(tokenize(query, language)))
        ids = index.document_ids()
        order = np.argsort(-scores, kind="stable")[:top]
        return [(ids[row], float(scores[row])) for row in order if scores[row] > 0]


def top_indices(scores: NDArray[np.float64] | NDArray[np.float32], count: int) -> Sequence[int]:
    """Indices of the ``count`` largest scores, largest first (stable for ties)."""
    if count >= scores.shape[0]:
        return list(np.argsort(-scores, kind="stable"))
    candidates = np.argpartition(-scores, count - 1)[:count]
    return list(candidates[np.argsort(-scores[candidates], kind="stable")])


def term_cosine(first: Counter[str], second: Counter[str]) -> float:
    """Cosine similarity of two term-count vectors (0 when either is empty)."""
    shared = set(first) & set(second)
    if not shared:
        return 0.0
    dot = sum(first[term] * second[term] for term in shared)
    norm = np.sqrt(sum(v * v for v in first.values())) * np.sqrt(
        sum(v * v for v in second.values())
    )
    return float(dot / norm)
