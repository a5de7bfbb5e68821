"""Near-duplicate warnings before publication.

Two items are near-identical when their search terms overlap strongly (Jaccard similarity
of their term sets). This catches re-posted and lightly edited items written in the same
language; the matching engine adds cross-language duplicates on top.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import CatalogueItem, SearchPosting

DUPLICATE_THRESHOLD = 0.6
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class SimilarItem:
    item: CatalogueItem
    similarity: float


def similar_items(
    item: CatalogueItem, *, threshold: float = DUPLICATE_THRESHOLD, limit: int = 5
) -> list[SimilarItem]:
    """Other items of the same kind (not archived) whose terms overlap this item's."""
    terms = list(SearchPosting.objects.filter(item=item).values_list("term", flat=True))
    if not terms:
        return []
    shared = (
        SearchPosting.objects.filter(term__in=terms, item__kind=item.kind)
        .exclude(item=item)
        .exclude(item__status=ItemStatus.ARCHIVED)
        .values("item")
        .annotate(shared=Count("term"))
        .order_by("-shared")[:MAX_CANDIDATES]
    )
    shared_by_item = {row["item"]: row["shared"] for row in shared}
    if not shared_by_item:
        return []
    sizes = dict(
        SearchPosting.objects.filter(item__in=shared_by_item)
        .values("item")
        .annotate(size=Count("term"))
        .values_list("item", "size")
    )
    scored = []
    for other, common in shared_by_item.items():
        union = len(terms) + sizes[other] - common
        similarity = common / union if union else 0.0
        if similarity >= threshold:
            scored.append((similarity, other))
    scored.sort(reverse=True)
    scored = scored[:limit]
    items = CatalogueItem.objects.select_related("organisation").in_bulk(
        [other for _similarity, other in scored]
    )
    return [SimilarItem(items[other], round(similarity, 3)) for similarity, other in scored]
