"""Pages read keys first, with or without the count in the same query."""

from datetime import timedelta

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from techbridge.catalogue.models import TechnologyOffer
from techbridge.web.pagination import KeysFirstPaginator
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers():
    """Seven offers, newest first by their numbers."""
    now = timezone.now()
    return [
        OfferFactory(
            titles={"ru": f"Предложение {number}"}, published_at=now - timedelta(hours=number)
        )
        for number in range(7)
    ]


def _paginator(count_with_keys):
    ordered = TechnologyOffer.objects.order_by("-published_at", "-pk")
    return KeysFirstPaginator(
        ordered,
        3,
        rows=lambda keys: TechnologyOffer.objects.filter(pk__in=keys),
        count_with_keys=count_with_keys,
    )


@pytest.mark.parametrize("count_with_keys", [False, True])
def test_pages_keep_the_list_order_and_count(offers, count_with_keys):
    paginator = _paginator(count_with_keys)
    pages = [list(paginator.page(number).object_list) for number in (1, 2, 3)]
    assert pages == [offers[0:3], offers[3:6], offers[6:7]]
    assert (paginator.count, paginator.num_pages) == (7, 3)


def test_counting_with_keys_saves_the_count_query(offers):
    with CaptureQueriesContext(connection) as separate:
        page = _paginator(False).page(2)
        assert page.paginator.count == 7
    with CaptureQueriesContext(connection) as together:
        page = _paginator(True).page(2)
        assert page.paginator.count == 7
    assert (len(separate), len(together)) == (3, 2)


@pytest.mark.parametrize("count_with_keys", [False, True])
def test_a_page_past_the_end_gives_the_last_page(offers, count_with_keys):
    paginator = _paginator(count_with_keys)
    with pytest.raises(EmptyPage):
        paginator.page(9)
    assert list(paginator.get_page(9).object_list) == offers[6:7]
    assert list(_paginator(count_with_keys).get_page("eleven").object_list) == offers[0:3]


@pytest.mark.parametrize("count_with_keys", [False, True])
def test_an_empty_list_has_one_empty_page(count_with_keys):
    page = _paginator(count_with_keys).get_page(1)
    assert (list(page.object_list), page.paginator.count) == ([], 0)
    with pytest.raises(PageNotAnInteger):
        _paginator(count_with_keys).page("x")


def test_rows_that_vanish_between_the_queries_are_left_out(offers):
    paginator = KeysFirstPaginator(
        TechnologyOffer.objects.order_by("-published_at", "-pk"),
        3,
        rows=lambda keys: TechnologyOffer.objects.filter(pk__in=keys).exclude(pk=offers[1].pk),
    )
    assert list(paginator.page(1).object_list) == [offers[0], offers[2]]
