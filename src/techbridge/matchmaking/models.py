"""What matching keeps in the database: embeddings by text hash and model, and the state
of each catalogue item's embedding (so a failed job is visible, never a silent gap)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.catalogue.models import CatalogueItem
from techbridge.matchmaking.enums import EmbeddingStatus


class Embedding(models.Model):
    """One text's vector for one model and role; the key is a SHA-256 of all three.
    ``model`` (the encoder's name and revision) lets vectors of a previous model be
    deleted (``manage.py purge_embeddings``); it is empty on rows from before it was
    kept."""

    key = models.CharField(_("key"), max_length=64, primary_key=True)
    vector = models.BinaryField(_("vector"))
    model = models.CharField(_("model"), max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")

    def __str__(self) -> str:
        return self.key


class ItemEmbeddingState(models.Model):
    """Whether an item's embedding is current for the texts it has now."""

    item = models.OneToOneField(
        CatalogueItem,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="embedding_state",
        primary_key=True,
    )
    text_hash = models.CharField(_("hash of the matched text"), max_length=64, blank=True)
    model_name = models.CharField(_("model"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmbeddingStatus.choices, default=EmbeddingStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("embedding state")
        verbose_name_plural = _("embedding states")
        indexes = [models.Index(fields=["status"], name="embedding_state_status")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.status}"
