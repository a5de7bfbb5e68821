"""List endpoints answer in a number of queries that does not grow with the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from techbridge.catalogue.enums import ItemStatus
from tests.api.conftest import authenticated_client
from tests.api.factories import ExpertFactory, NeedFactory, OfferFactory, owned_by

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/v1/offers/", OfferFactory),
    ("/api/v1/offers/?q=технология&field=materials&sort=relevance", OfferFactory),
    ("/api/v1/needs/", NeedFactory),
    ("/api/v1/experts/", ExpertFactory),
]


def _query_count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("path", "factory"), LISTS)
def test_public_list_queries_do_not_grow_with_items(
    api_client, django_assert_num_queries, path, factory
):
    factory(field_codes=["materials.copper"])
    with_one = _query_count(api_client, path)
    for _ in range(2):
        factory(field_codes=["materials.copper", "ai"])
    with django_assert_num_queries(with_one):
        response = api_client.get(path)
    assert response.json()["count"] == 3


def test_public_offer_list_takes_three_queries(api_client, django_assert_num_queries):
    OfferFactory()
    # Count, page, technology fields with their parents.
    with django_assert_num_queries(3):
        api_client.get("/api/v1/offers/")


def test_my_items_queries_do_not_grow_with_items(holder, django_assert_num_queries):
    client = authenticated_client(holder)
    OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT)
    with_one = _query_count(client, "/api/v1/my/items/")
    OfferFactory(**owned_by(holder))
    NeedFactory(**owned_by(holder), status=ItemStatus.ARCHIVED)
    with django_assert_num_queries(with_one):
        response = client.get("/api/v1/my/items/")
    assert response.json()["count"] == 3
