"""Background jobs of matching (django-tasks; a ``db_worker`` runs them in production)."""

from django_tasks import task

from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.services import MAX_ATTEMPTS, compute_embedding


@task()
def embed_item(item_id: int) -> str:
    """Compute one item's embedding; a failure is retried (re-queued) up to
    ``MAX_ATTEMPTS`` times, then left visible to organisers."""
    state = compute_embedding(item_id=item_id)
    if state.status == EmbeddingStatus.FAILED and state.attempts < MAX_ATTEMPTS and state.pk:
        embed_item.enqueue(item_id)
    return str(state.status)
