"""Browsing and searching the public catalogue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyField
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.factories import ExpertFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _titles(response):
    return [item.titles for item in response.context["page"].object_list]


def test_only_published_offers_are_listed(client):
    OfferFactory(titles={"ru": "Опубликовано", "zh": "已发布"})
    OfferFactory(titles={"ru": "Черновик", "zh": "草稿"}, status=ItemStatus.DRAFT)
    OfferFactory(titles={"ru": "На проверке", "zh": "审核中"}, status=ItemStatus.SUBMITTED)
    response = client.get("/ru/catalogue/offers/")
    assert _titles(response) == [{"ru": "Опубликовано", "zh": "已发布"}]


def test_russian_search_handles_morphology(client):
    OfferFactory(titles={"ru": "Технология литья медного сплава", "zh": "铜合金铸造技术"})
    OfferFactory(
        titles={"ru": "Алюминиевые профили", "zh": "铝型材"},
        summaries={"ru": "Профили для фасадов.", "zh": "幕墙用型材。"},
    )
    response = client.get("/ru/catalogue/offers/", {"q": "медные сплавы"})
    assert _titles(response) == [{"ru": "Технология литья медного сплава", "zh": "铜合金铸造技术"}]


def test_chinese_search_finds_the_chinese_summary_of_a_russian_offer(client):
    OfferFactory(
        titles={"ru": "Жаростойкое покрытие", "zh": "耐高温涂层"},
        summaries={"ru": "Покрытие для лопаток турбин.", "zh": "用于涡轮叶片的耐高温陶瓷涂层。"},
    )
    OfferFactory(
        titles={"ru": "Сорт пшеницы", "zh": "小麦品种"},
        summaries={"ru": "Засухоустойчивый сорт.", "zh": "耐旱品种。"},
    )
    response = client.get("/zh-hans/catalogue/offers/", {"q": "涡轮叶片"})
    assert [titles["ru"] for titles in _titles(response)] == ["Жаростойкое покрытие"]


def test_english_search_stems_words(client):
    OfferFactory(titles={"en": "Welding robots for pipelines", "ru": "Сварочные роботы"})
    response = client.get("/en/catalogue/offers/", {"q": "welding robot"})
    assert len(_titles(response)) == 1


def test_filters_by_field_trl_country_cooperation_and_language(client):
    copper = TechnologyField.objects.get(code="materials.copper")
    batteries = TechnologyField.objects.get(code="energy.batteries")
    OfferFactory(
        titles={"ru": "А", "zh": "甲"},
        fields=[copper],
        readiness_level=7,
        cooperation_forms=["licence", "joint_rd"],
        organisation=OrganisationFactory(country="RU"),
    )
    OfferFactory(
        titles={"ru": "Б", "en": "B"},
        fields=[batteries],
        readiness_level=4,
        cooperation_forms=["sale"],
        organisation=OrganisationFactory(country="CN"),
    )
    url = "/en/catalogue/offers/"
    assert len(_titles(client.get(url, {"field": "materials"}))) == 1
    assert len(_titles(client.get(url, {"trl_min": 5}))) == 1
    assert len(_titles(client.get(url, {"trl_max": 5}))) == 1
    assert len(_titles(client.get(url, {"country": "CN"}))) == 1
    assert len(_titles(client.get(url, {"cooperation_form": "joint_rd"}))) == 1
    assert len(_titles(client.get(url, {"language": "zh"}))) == 1
    assert len(_titles(client.get(url, {"language": "en", "country": "RU"}))) == 0


def test_bad_filter_values_are_ignored_not_errors(client):
    OfferFactory()
    response = client.get(
        "/en/catalogue/offers/", {"trl_min": "eleven", "sort": "chaos", "page": "999"}
    )
    assert response.status_code == 200


def test_needs_and_experts_have_their_own_lists(client):
    NeedFactory(titles={"zh": "需要散热材料", "ru": "Нужен теплоотвод"})
    ExpertFactory(titles={"ru": "Металлургия меди", "zh": "铜冶金"})
    assert len(_titles(client.get("/zh-hans/catalogue/needs/"))) == 1
    assert len(_titles(client.get("/zh-hans/catalogue/experts/"))) == 1
    assert client.get("/zh-hans/catalogue/unknown/").status_code == 404


def test_htmx_filter_returns_only_the_results(client):
    OfferFactory()
    response = client.get("/en/catalogue/offers/", {"q": "медный"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"item found" in response.content


@pytest.mark.parametrize("kind", ["offers", "needs", "experts"])
def test_list_queries_do_not_grow_with_the_page(client, kind):
    factory = {"offers": OfferFactory, "needs": NeedFactory, "experts": ExpertFactory}[kind]
    factory()
    with CaptureQueriesContext(connection) as one:
        client.get(f"/en/catalogue/{kind}/")
    factory.create_batch(2)
    with CaptureQueriesContext(connection) as three:
        client.get(f"/en/catalogue/{kind}/")
    assert len(three) == len(one)


def test_search_queries_do_not_grow_with_the_page(client):
    OfferFactory()
    with CaptureQueriesContext(connection) as one:
        client.get("/en/catalogue/offers/", {"q": "медный сплав"})
    OfferFactory.create_batch(2)
    with CaptureQueriesContext(connection) as three:
        client.get("/en/catalogue/offers/", {"q": "медный сплав"})
    assert len(three) == len(one)


@pytest.mark.parametrize("query", ["0" * 100, "!!! ???", "  "])
def test_query_with_nothing_searchable_lists_everything(client, query):
    OfferFactory()
    response = client.get("/en/catalogue/offers/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1
