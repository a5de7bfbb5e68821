"""Full-text search: every term required, one term or several, title matches first."""

import pytest

from techbridge.catalogue.models import TechnologyOffer
from techbridge.catalogue.search import apply_search
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _found(query):
    ranked = apply_search(TechnologyOffer.objects.all(), query).order_by("-search_score", "pk")
    return [(offer.titles["ru"], offer.search_score) for offer in ranked]


@pytest.fixture
def offers():
    summary = {"ru": "Литьё и прокатка."}
    OfferFactory(titles={"ru": "Медный сплав"}, summaries=summary)
    OfferFactory(titles={"ru": "Прокатный стан"}, summaries={"ru": "Для медного сплава."})
    OfferFactory(titles={"ru": "Алюминиевый профиль"}, summaries=summary)


def test_a_single_term_finds_every_item_with_it_titles_first(offers):
    assert _found("медный") == [("Медный сплав", 4), ("Прокатный стан", 1)]


def test_several_terms_must_all_be_present(offers):
    assert _found("медный прокатный") == [("Прокатный стан", 5)]
    assert _found("медный алюминиевый") == []


def test_a_query_without_terms_leaves_the_list_alone(offers):
    assert apply_search(TechnologyOffer.objects.all(), "и на").count() == 3
