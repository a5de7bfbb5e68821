"""When an item changes, its embedding is marked pending and recomputed in the background."""

from django.dispatch import receiver

from techbridge.catalogue.signals import item_changed
from techbridge.matchmaking.services import mark_pending
from techbridge.matchmaking.tasks import embed_item


@receiver(item_changed)
def refresh_embedding(sender, item_id: int, **kwargs) -> None:
    mark_pending(item_id=item_id)
    embed_item.enqueue(item_id)
