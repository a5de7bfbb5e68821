"""Reads of matching: recommendations with reasons, cross-lingual search, similarity
matrices for reviewer assignment and meeting suggestions, duplicates across languages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from numpy.typing import NDArray

from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.models import CatalogueItem
from techbridge.catalogue.similarity import similar_items
from techbridge.core.matching import MatchEngine, MatchItem, UnusableTextError
from techbridge.core.matching.duplicates import duplicates_of
from techbridge.core.matching.reasons import MatchReasons, explain_match
from techbridge.matchmaking.adapter import (
    encoder,
    item_pk,
    items_with_relations,
    match_items,
    registry,
)
from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.models import ItemEmbeddingState

#: What each kind of item is recommended.
RECOMMENDED_KINDS = {
    ItemKind.NEED: (ItemKind.OFFER, ItemKind.EXPERT),
    ItemKind.OFFER: (ItemKind.NEED, ItemKind.EXPERT),
    ItemKind.EXPERT: (ItemKind.NEED, ItemKind.OFFER),
}


#: A recommendation must score at least this much, and at least this share of the best
#: one: on the demo catalogue relevant items score 0.3–0.7 and unrelated ones 0.1–0.22,
#: so unrelated items are not shown just because the pool is small.
RECOMMENDATION_MINIMUM = 0.25
RECOMMENDATION_SHARE_OF_BEST = 0.5


@dataclass(frozen=True)
class Recommendation:
    item: CatalogueItem
    score: float
    reasons: MatchReasons | None


def recommendations(
    item: CatalogueItem,
    *,
    kinds: Sequence[ItemKind] | None = None,
    limit: int = 5,
    with_reasons: bool = True,
) -> list[Recommendation]:
    """Published items of the given kinds that match ``item`` best, with their reasons.

    Every language version of the item is matched against every version of the pool; an
    item's score is its best pair's, and the reasons are that pair's."""
    queries = {version.id: version for version in match_items(item)}
    best: dict[int, tuple[float, str, str, MatchEngine]] = {}
    for kind in kinds or RECOMMENDED_KINDS[ItemKind(item.kind)]:
        engine = registry.engine(kind)
        if len(engine) == 0:
            continue
        for result in engine.match(list(queries.values()), top=limit * 3):
            for match in result.matches:
                pk = item_pk(match.id)
                if pk != item.pk and (pk not in best or match.score > best[pk][0]):
                    best[pk] = (match.score, result.query_id, match.id, engine)
    ranked = sorted(best.items(), key=lambda entry: -entry[1][0])[:limit]
    if ranked:
        floor = max(RECOMMENDATION_MINIMUM, ranked[0][1][0] * RECOMMENDATION_SHARE_OF_BEST)
        ranked = [entry for entry in ranked if entry[1][0] >= floor]
    items = {found.pk: found for found in items_with_relations([pk for pk, _ in ranked])}
    return [
        Recommendation(
            items[pk],
            score,
            explain_match(engine, queries[query_id], match_id) if with_reasons else None,
        )
        for pk, (score, query_id, match_id, engine) in ranked
        if pk in items
    ]


def semantic_search(query: str, kind: ItemKind | str, *, limit: int = 200) -> dict[int, float]:
    """Cross-lingual search: published items of ``kind`` whose meaning is closest to the
    query, in any language, as ``{item id: score}``."""
    engine = registry.engine(kind)
    if len(engine) == 0 or not query.strip():
        return {}
    try:
        matches = engine.match([MatchItem(id="query", text=query.strip())], top=limit)[0].matches
    except UnusableTextError:
        return {}
    scores: dict[int, float] = {}
    for match in matches:
        pk = item_pk(match.id)
        scores[pk] = max(scores.get(pk, match.score), match.score)
    return scores


def similarity_matrix(
    queries: Sequence[CatalogueItem], pool: Sequence[CatalogueItem]
) -> NDArray[np.float64]:
    """Bias-corrected cosine similarity of every query to every pool item (the best pair of
    their language versions), clipped to [0, 1]; rows are queries. Used where every pair
    needs a value: reviewer affinity, meeting suggestions."""
    if not queries or not pool:
        return np.zeros((len(queries), len(pool)))
    engine = MatchEngine(encoder())
    pool_versions = [version for item in pool for version in match_items(item)]
    engine.add(pool_versions)
    ids, pool_vectors = engine.corrected_pool_vectors()
    column_of = {item.pk: column for column, item in enumerate(pool)}
    pool_columns = np.array([column_of[item_pk(version)] for version in ids])
    query_versions = [version for item in queries for version in match_items(item)]
    row_of = {item.pk: row for row, item in enumerate(queries)}
    query_rows = np.array([row_of[item_pk(version.id)] for version in query_versions])
    similarities = engine.encode_corrected(query_versions, engine.settings.query_role) @ (
        pool_vectors.T
    )
    matrix = np.full((len(queries), len(pool)), -1.0)
    for version_row, row in enumerate(query_rows):
        np.maximum.at(matrix[row], pool_columns, similarities[version_row])
    return np.clip(matrix, 0.0, 1.0)


def duplicates_across_languages(item: CatalogueItem) -> list[tuple[CatalogueItem, float]]:
    """Published items of the same kind that ``item`` seems to copy, in any language,
    with the duplicate score, best first."""
    engine = registry.engine(item.kind)
    best: dict[int, float] = {}
    for pair in duplicates_of(engine, match_items(item)):
        pk = item_pk(pair.second_id)
        if pk != item.pk:
            best[pk] = max(best.get(pk, pair.score), pair.score)
    ranked = sorted(best.items(), key=lambda entry: -entry[1])
    items = {found.pk: found for found in items_with_relations([pk for pk, _ in ranked])}
    return [(items[pk], score) for pk, score in ranked if pk in items]


def embedding_overview() -> dict[str, object]:
    """Counts per embedding status and the failed items with their reasons."""
    counts = dict(
        ItemEmbeddingState.objects.values("status")
        .annotate(total=Count("item"))
        .values_list("status", "total")
    )
    without_state = CatalogueItem.objects.filter(embedding_state__isnull=True).count()
    failed = (
        ItemEmbeddingState.objects.filter(status=EmbeddingStatus.FAILED)
        .select_related("item")
        .order_by("-updated_at")[:200]
    )
    return {
        "ready": counts.get(EmbeddingStatus.READY, 0),
        "pending": counts.get(EmbeddingStatus.PENDING, 0) + without_state,
        "failed_count": counts.get(EmbeddingStatus.FAILED, 0),
        "failed": list(failed),
    }


def failed_item_ids() -> list[int]:
    return list(
        ItemEmbeddingState.objects.filter(status=EmbeddingStatus.FAILED).values_list(
            "item_id", flat=True
        )
    )


#: Items found only by meaning (no full-text hit) must score at least this much: on the
#: demo catalogue relevant items score 0.2–0.4 and unrelated queries stay below 0.18.
SEMANTIC_MINIMUM = 0.2
SEMANTIC_CANDIDATES = 100
#: Blending needs the whole full-text result in hand; beyond this many full-text hits the
#: full-text order is kept as it is (meaning adds nothing such a list lacks).
LEXICAL_BLEND_LIMIT = 300


def blend_search(
    candidates: QuerySet[CatalogueItem],
    lexical: QuerySet[CatalogueItem],
    kind: ItemKind | str,
    query: str,
) -> QuerySet[CatalogueItem]:
    """The catalogue search box across languages: full-text hits (every word found, in
    any language the item is written in) first, ranked by meaning, then items found only
    by meaning; all of them within ``candidates`` (the reader's filters)."""
    # Unordered first: learning that there are too many hits must not rank them all.
    if lexical.order_by().values("pk")[LEXICAL_BLEND_LIMIT : LEXICAL_BLEND_LIMIT + 1].exists():
        return lexical
    lexical_ids = list(lexical.values_list("pk", flat=True))
    semantic = {
        pk: score
        for pk, score in semantic_search(query, kind, limit=SEMANTIC_CANDIDATES).items()
        if score >= SEMANTIC_MINIMUM or pk in set(lexical_ids)
    }
    if not semantic:
        return lexical
    lexical_rank = {pk: rank for rank, pk in enumerate(lexical_ids)}
    order = sorted(
        set(lexical_ids) | set(semantic),
        key=lambda pk: (
            pk not in lexical_rank,
            -semantic.get(pk, 0.0),
            lexical_rank.get(pk, len(lexical_rank)),
        ),
    )
    positions = Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(order)],
        output_field=IntegerField(),
    )
    return (
        candidates.filter(pk__in=order)
        .annotate(blend_position=positions)
        .order_by("blend_position")
    )


def duplicate_warnings(item: CatalogueItem) -> list[dict[str, object]]:
    """Near-identical items: same-language copies (shared terms) and translations or
    rewordings in another language (the matching engine), strongest first."""
    warnings: dict[int, dict[str, object]] = {}
    for similar in similar_items(item):
        warnings[similar.item.pk] = {"item": similar.item, "score": similar.similarity}
    for other, score in duplicates_across_languages(item):
        if other.pk not in warnings:
            warnings[other.pk] = {
                "item": other,
                "score": score,
                "other_language": other.source_language != item.source_language,
            }
    return sorted(warnings.values(), key=lambda warning: -float(warning["score"]))
