"""Sentence alignment across languages: which sentence of one list translates which of another.

Used by the bitext benchmark and available for aligning the sentences of two versions
of one text. Scores, for a source list S and a target list T (both bias-corrected):

    cosine(s, t)        = s · t
    ratio margin(s, t)  = cos(s, t) / ((r_T(s) + r_S(t)) / 2)
    CSLS(s, t)          = 2 cos(s, t) − r_T(s) − r_S(t)

where r_T(s) is the mean cosine of s to its k nearest sentences in T (and r_S(t) the
same for t in S). Margins penalise "hub" sentences that are close to everything, the
criterion LASER uses to mine bitext (Artetxe & Schwenk 2019). A translation also keeps
the figures and named concepts of its source, so the ``evidence`` option adds

    evidence(s, t) = ½ · jaccard(numbers(s), numbers(t)) + ½ · cosine(terms(s), terms(t))

(numbers normalised across "4,5" / "4.5" / "8 000" / "8,000"; terms are the concepts
and codes of :func:`~techbridge.core.matching.lexical.neutral_terms` and the place
names and calendar words of :mod:`~techbridge.core.matching.names`), weighted by
``evidence_weight`` — a mismatch in one number separates the near-duplicate sentences
("at 450 °C for four hours" vs "at 500 °C for two hours") that embeddings confuse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from techbridge.core.matching.concepts import ConceptLexicon
from techbridge.core.matching.lexical import neutral_terms, term_cosine
from techbridge.core.matching.names import NameList, default_names
from techbridge.core.text import Language

AlignmentScore = Literal["cosine", "ratio_margin", "csls"]

#: Neighbours for the margin; LASER uses 4.
MARGIN_NEIGHBOURS = 4

_GROUPED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_of(text: str, language: Language) -> set[str]:
    """The numbers written in ``text`` as digits, normalised across conventions.

    "8 000" and "8,000" → "8000"; a decimal comma ("4,5", Russian) → "4.5"; in
    Chinese and English a comma before exactly three digits groups thousands.
    """
    joined = _GROUPED_THOUSANDS.sub(lambda match: re.sub(r"\D", "", match.group()), text)
    numbers: set[str] = set()
    for match in _NUMBER.finditer(joined):
        raw = match.group()
        if language != "ru" and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
            raw = raw.replace(",", "")
        raw = raw.replace(",", ".")
        whole, _, fraction = raw.partition(".")
        fraction = fraction.rstrip("0")
        numbers.add(f"{int(whole)}.{fraction}" if fraction else str(int(whole)))
    return numbers


def jaccard(first: set[str], second: set[str]) -> float:
    """|A ∩ B| / |A ∪ B|, and 0 when both are empty (no evidence either way)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def neighbourhood_means(similarities: NDArray[np.float32], count: int) -> NDArray[np.float32]:
    """Mean of each row's ``count`` largest values (exclude self-pairs beforehand)."""
    count = max(1, min(count, similarities.shape[1]))
    top = -np.partition(-similarities, count - 1, axis=1)[:, :count]
    result: NDArray[np.float32] = top.mean(axis=1)
    return result


def alignment_scores(
    source_vectors: NDArray[np.float32],
    target_vectors: NDArray[np.float32],
    score: AlignmentScore = "ratio_margin",
    *,
    neighbours: int = MARGIN_NEIGHBOURS,
) -> NDArray[np.float32]:
    """The source × target score matrix for ``score`` (see the module docstring)."""
    cosine = source_vectors @ target_vectors.T
    if score == "cosine":
        return cosine
    source_hubness = neighbourhood_means(cosine, neighbours)[:, None]
    target_hubness = neighbourhood_means(cosine.T, neighbours)[None, :]
    if score == "csls":
        result: NDArray[np.float32] = 2 * cosine - source_hubness - target_hubness
        return result
    denominator = np.maximum((source_hubness + target_hubness) / 2, 1e-6)
    ratio: NDArray[np.float32] = (cosine / denominator).astype(np.float32)
    return ratio


def evidence_scores(
    source_texts: Sequence[str],
    source_language: Language,
    target_texts: Sequence[str],
    target_language: Language,
    lexicon: ConceptLexicon,
    names: NameList | None = None,
) -> NDArray[np.float32]:
    """The source × target matrix of shared numbers, concepts and names (0–1).

    ``names`` defaults to the shipped list (:func:`default_names`)."""
    names = names if names is not None else default_names()
    source_numbers = [numbers_of(text, source_language) for text in source_texts]
    target_numbers = [numbers_of(text, target_language) for text in target_texts]
    source_terms: list[Counter[str]] = [
        neutral_terms(text, source_language, lexicon) + names.find(text, source_language)
        for text in source_texts
    ]
    target_terms: list[Counter[str]] = [
        neutral_terms(text, target_language, lexicon) + names.find(text, target_language)
        for text in target_texts
    ]
    result = np.zeros((len(source_texts), len(target_texts)), dtype=np.float32)
    for row, (numbers, terms) in enumerate(zip(source_numbers, source_terms, strict=True)):
        for column, (other_numbers, other_terms) in enumerate(
            zip(target_numbers, target_terms, strict=True)
        ):
            result[row, column] = 0.5 * jaccard(numbers, other_numbers) + 0.5 * term_cosine(
                terms, other_terms
            )
    return result
