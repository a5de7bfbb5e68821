"""Keeping each catalogue item's embedding current, with failures recorded and retried."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.catalogue.models import CatalogueItem
from techbridge.core.matching import EncoderLoadError, UnusableTextError
from techbridge.matchmaking.adapter import encoder, items_hash, items_with_relations, match_items
from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.models import ItemEmbeddingState

logger = logging.getLogger(__name__)
#: After this many failed attempts an item waits for an organiser's retry.
MAX_ATTEMPTS = 3


def mark_pending(*, item_id: int) -> ItemEmbeddingState:
    state, _created = ItemEmbeddingState.objects.get_or_create(item_id=item_id)
    if state.status != EmbeddingStatus.PENDING:
        state.status = EmbeddingStatus.PENDING
        state.attempts = 0
        state.save(update_fields=["status", "attempts", "updated_at"])
    return state


def compute_embedding(*, item_id: int) -> ItemEmbeddingState:
    """Encode the item's matched text (the cache makes this free when nothing changed) and
    record the outcome. Safe to run twice; never raises for bad text or a model that does
    not load: the failure is recorded with its reason for the organisers to see."""
    items = items_with_relations([item_id])
    if not items:
        return ItemEmbeddingState(item_id=item_id, status=EmbeddingStatus.FAILED)
    item = items[0]
    versions = match_items(item)
    state, _created = ItemEmbeddingState.objects.get_or_create(item_id=item_id)
    try:
        active = encoder()
        active.encode([version.full_text for version in versions], "query")
    except (EncoderLoadError, UnusableTextError, ValueError, RuntimeError, OSError) as error:
        logger.warning("Embedding of item %s failed: %s", item_id, error)
        with transaction.atomic():
            state = ItemEmbeddingState.objects.select_for_update().get(item_id=item_id)
            state.status = EmbeddingStatus.FAILED
            state.attempts += 1
            state.last_error = str(error)[:2000] or _("unknown error")
            state.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        return state
    ItemEmbeddingState.objects.filter(item_id=item_id).update(
        status=EmbeddingStatus.READY,
        text_hash=items_hash(versions),
        model_name=active.name,
        last_error="",
    )
    state.refresh_from_db()
    return state


def items_needing_embeddings() -> list[int]:
    """Items without a current embedding: never computed, pending, or failed with
    attempts left."""
    with_state = ItemEmbeddingState.objects.values("item_id")
    missing = list(CatalogueItem.objects.exclude(pk__in=with_state).values_list("pk", flat=True))
    waiting = list(
        ItemEmbeddingState.objects.filter(status=EmbeddingStatus.PENDING).values_list(
            "item_id", flat=True
        )
    )
    retry = list(
        ItemEmbeddingState.objects.filter(
            status=EmbeddingStatus.FAILED, attempts__lt=MAX_ATTEMPTS
        ).values_list("item_id", flat=True)
    )
    return sorted({*missing, *waiting, *retry})
