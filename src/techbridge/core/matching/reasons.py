"""Why two items match: shared concepts and fields, and their best sentence pair.

Shown on need, offer and expert pages next to each recommendation, in the reader's
language (every concept carries its labels in zh, ru and en) and with each sentence
in its own language, side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from techbridge.core.matching.engine import MatchEngine
from techbridge.core.matching.items import MatchItem
from techbridge.core.matching.lexical import CODE_PREFIX, CONCEPT_PREFIX
from techbridge.core.matching.preparation import resolve_language
from techbridge.core.matching.structured import StructuredEvidence, structured_evidence
from techbridge.core.text import Language, split_sentences

#: Sentences considered per text (the title counts as one); longer texts are cut, since
#: the first sentences of a summary carry its point and encoding is the costly part.
MAX_SENTENCES = 12


@dataclass(frozen=True)
class SharedConcept:
    """A concept both texts name, with its labels in every language."""

    id: str
    domain: str
    labels: dict[Language, str]
    weight: float  # how specific the concept is in the pool (idf); higher first


@dataclass(frozen=True)
class SentencePair:
    """The sentence of each text that match best, each with its language."""

    query_sentence: str
    query_language: Language
    item_sentence: str
    item_language: Language
    similarity: float  # bias-corrected cosine of the two sentences


@dataclass(frozen=True)
class MatchReasons:
    """Everything shown as the "why" of one match."""

    query_id: str
    item_id: str
    shared_concepts: list[SharedConcept]
    shared_codes: list[str]
    structured: StructuredEvidence
    best_sentences: SentencePair | None


def explain_match(engine: MatchEngine, query: MatchItem, item_id: str) -> MatchReasons:
    """The reasons why pool item ``item_id`` matches ``query``.

    The best sentence pair needs the engine's encoder; a lexical-only engine gives
    ``best_sentences=None``.
    """
    query = resolve_language(query)
    item = engine.item(item_id)
    query_terms = engine.neutral_terms(query)
    item_terms = engine.terms(item_id)
    shared = set(query_terms) & set(item_terms)
    concepts = [
        SharedConcept(
            id=concept.id,
            domain=concept.domain,
            labels=concept.labels(),
            weight=engine.term_weight(CONCEPT_PREFIX + concept.id),
        )
        for concept in (
            engine.lexicon[term.removeprefix(CONCEPT_PREFIX)]
            for term in shared
            if term.startswith(CONCEPT_PREFIX)
        )
    ]
    concepts.sort(key=lambda concept: (-concept.weight, concept.id))
    codes = sorted(
        term.removeprefix(CODE_PREFIX) for term in shared if term.startswith(CODE_PREFIX)
    )
    return MatchReasons(
        query_id=query.id,
        item_id=item_id,
        shared_concepts=concepts,
        shared_codes=codes,
        structured=structured_evidence(query, item),
        best_sentences=best_sentence_pair(engine, query, item) if engine.encoder else None,
    )


def sentences_of(item: MatchItem) -> list[str]:
    """The title (if any) and the sentences of the text, at most ``MAX_SENTENCES``."""
    assert item.language is not None
    sentences = [item.title.strip()] if item.title and item.title.strip() else []
    sentences.extend(split_sentences(item.text, item.language))
    return sentences[:MAX_SENTENCES]


def best_sentence_pair(
    engine: MatchEngine, query: MatchItem, item: MatchItem
) -> SentencePair | None:
    """The pair of sentences, one from each text, with the highest corrected cosine."""
    assert query.language is not None and item.language is not None
    query_sentences = sentences_of(query)
    item_sentences = sentences_of(item)
    if not query_sentences or not item_sentences:
        return None
    vectors = engine.encode_corrected(
        [
            MatchItem(id=f"q{index}", text=sentence, language=query.language)
            for index, sentence in enumerate(query_sentences)
        ]
        + [
            MatchItem(id=f"i{index}", text=sentence, language=item.language)
            for index, sentence in enumerate(item_sentences)
        ],
        engine.settings.query_role,
    )
    similarities = vectors[: len(query_sentences)] @ vectors[len(query_sentences) :].T
    row, column = np.unravel_index(int(np.argmax(similarities)), similarities.shape)
    return SentencePair(
        query_sentence=query_sentences[int(row)],
        query_language=query.language,
        item_sentence=item_sentences[int(column)],
        item_language=item.language,
        similarity=float(similarities[row, column]),
    )
