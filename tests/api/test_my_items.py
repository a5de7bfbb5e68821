"""The caller's own items in any status, with the organisers' latest comment."""

import pytest

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.services.lifecycle import review_item
from tests.api.conftest import authenticated_client
from tests.api.factories import NeedFactory, OfferFactory, owned_by

pytestmark = pytest.mark.django_db


def test_my_items_anonymous_is_unauthenticated(api_client):
    assert api_client.get("/api/v1/my/items/").status_code == 401


def test_my_items_lists_own_items_in_every_status_and_nothing_else(holder):
    own = [
        OfferFactory(**owned_by(holder), status=status)
        for status in (ItemStatus.DRAFT, ItemStatus.PUBLISHED, ItemStatus.ARCHIVED)
    ]
    OfferFactory()
    response = authenticated_client(holder).get("/api/v1/my/items/")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3
    assert sorted(row["id"] for row in body["results"]) == sorted(item.pk for item in own)
    assert {row["status"] for row in body["results"]} == {"draft", "published", "archived"}


def test_my_items_filters_by_kind_and_status(organiser):
    offer = OfferFactory(**owned_by(organiser), status=ItemStatus.DRAFT)
    need = NeedFactory(**owned_by(organiser))
    client = authenticated_client(organiser)
    offers = client.get("/api/v1/my/items/?kind=offer").json()["results"]
    published = client.get("/api/v1/my/items/?status=published").json()["results"]
    assert [(row["id"], row["url"]) for row in offers] == [
        (offer.pk, f"http://testserver/api/v1/offers/{offer.pk}/")
    ]
    assert [row["id"] for row in published] == [need.pk]
    assert client.get("/api/v1/my/items/?status=lost").status_code == 400


def test_my_items_show_the_organisers_latest_comment(holder, organiser):
    submitted = OfferFactory(**owned_by(holder), status=ItemStatus.SUBMITTED)
    review_item(
        item=submitted,
        reviewer=organiser,
        checks={},
        publish=False,
        comment="Добавьте номер патента.",
    )
    row = authenticated_client(holder).get("/api/v1/my/items/").json()["results"][0]
    assert row["status"] == "returned"
    assert row["last_review"]["decision"] == "return"
    assert row["last_review"]["comment"] == "Добавьте номер патента."
    assert "reviewer" not in row["last_review"]


def test_my_items_without_review_have_none(holder):
    OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT)
    row = authenticated_client(holder).get("/api/v1/my/items/").json()["results"][0]
    assert row["last_review"] is None
