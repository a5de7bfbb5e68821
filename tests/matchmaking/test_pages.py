"""Matching in the pages: the recommendations panel and the organisers' status page."""

import pytest

from techbridge.catalogue.models import TechnologyField
from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.models import ItemEmbeddingState
from techbridge.matchmaking.services import compute_embedding
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_need_page_recommends_the_russian_offer_with_reasons_side_by_side(client):
    copper = [TechnologyField.objects.get(code="materials.copper")]
    need = NeedFactory(
        source_language="zh",
        titles={"zh": "铜铬锆合金接触线"},
        summaries={"zh": "需要导电率80% IACS以上、强度550兆帕以上的高速铁路接触线。"},
        fields=copper,
    )
    offer = OfferFactory(
        source_language="ru",
        titles={"ru": "Контактный провод из хромциркониевой бронзы"},
        summaries={"ru": "Контактный провод для высокоскоростных магистралей: 80 % IACS, 560 МПа."},
        fields=copper,
    )
    for item in (need, offer):
        compute_embedding(item_id=item.pk)
    content = client.get(f"/zh-hans/matching/items/{need.pk}/recommendations/").content.decode()
    assert f"/zh-hans/catalogue/items/{offer.pk}/" in content
    assert '<blockquote lang="zh-Hans">' in content
    assert '<blockquote lang="ru">' in content


def test_recommendations_of_an_unpublished_item_are_not_shown_to_others(client):
    draft = NeedFactory(status="draft")
    assert client.get(f"/en/matching/items/{draft.pk}/recommendations/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "seeker"])
def test_matching_status_is_for_organisers_only(client, who):
    if who == "seeker":
        client.force_login(UserFactory())
    response = client.get("/en/matching/status/")
    assert response.status_code in {302, 403}
    response = client.post("/en/matching/status/retry/")
    assert response.status_code in {302, 403}
    assert ItemEmbeddingState.objects.count() == 0


def test_organiser_sees_failed_jobs_and_queues_them_again(client, organiser):
    offer = OfferFactory()
    ItemEmbeddingState.objects.create(
        item=offer, status=EmbeddingStatus.FAILED, attempts=3, last_error="model missing"
    )
    client.force_login(organiser)
    content = client.get("/en/matching/status/").content.decode()
    assert "model missing" in content
    client.post("/en/matching/status/retry/")
    assert ItemEmbeddingState.objects.get(item=offer).status == EmbeddingStatus.READY
