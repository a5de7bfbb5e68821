"""The pgvector index honours the same contract as the in-memory indexes (PostgreSQL with
the vector extension only; on SQLite the test says why it does not apply)."""

import pytest

from techbridge.matchmaking.pgvector_index import PgVectorIndex, pgvector_available
from tests.core.matching.index_contract import CONTRACT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("check", CONTRACT, ids=lambda check: check.__name__)
@pytest.mark.parametrize("approximate", [False, True], ids=["exact", "hnsw"])
def test_pgvector_index_honours_the_contract(check, approximate):
    if not pgvector_available():
        pytest.skip("the database is not PostgreSQL with pgvector (the SQLite run)")
    check(lambda dimension: PgVectorIndex(dimension, approximate=approximate), not approximate)


def test_pgvector_is_not_offered_on_sqlite():
    from django.db import connection

    assert pgvector_available() is (connection.vendor == "postgresql")


def test_engine_can_run_on_pgvector(settings):
    """With MATCHING_VECTOR_INDEX=pgvector the product's engines search in PostgreSQL."""
    if not pgvector_available():
        pytest.skip("the database is not PostgreSQL with pgvector (the SQLite run)")
    from techbridge.catalogue.models import TechnologyField
    from techbridge.matchmaking.adapter import registry
    from techbridge.matchmaking.selectors import semantic_search
    from techbridge.matchmaking.services import compute_embedding
    from tests.catalogue.factories import OfferFactory

    settings.MATCHING_VECTOR_INDEX = "pgvector"
    registry.clear()
    heat_pump = OfferFactory(
        source_language="ru",
        titles={"ru": "Тепловой насос для Сибири"},
        summaries={"ru": "Воздушный тепловой насос работает при минус сорока."},
        fields=[TechnologyField.objects.get(code="energy_saving.cold_climate")],
    )
    wheat = OfferFactory(
        source_language="ru",
        titles={"ru": "Сорт пшеницы"},
        summaries={"ru": "Засухоустойчивый сорт яровой пшеницы."},
        fields=[TechnologyField.objects.get(code="agriculture.crops")],
    )
    for item in (heat_pump, wheat):
        compute_embedding(item_id=item.pk)
    scores = semantic_search("寒冷地区 热泵 供暖", "offer")
    assert max(scores, key=scores.get) == heat_pump.pk
    registry.clear()
