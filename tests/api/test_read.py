"""Public reads: published items only, texts by language, the page filters and search,
paginated; no personal data of owners."""

import json

import pytest

from techbridge.accounts.enums import Country, OrganisationType
from techbridge.catalogue.enums import ItemStatus
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.api.factories import ExpertFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_offer_list_shows_published_offers_only(api_client):
    published = OfferFactory()
    for status in (
        ItemStatus.DRAFT,
        ItemStatus.SUBMITTED,
        ItemStatus.RETURNED,
        ItemStatus.EXPIRED,
        ItemStatus.ARCHIVED,
    ):
        OfferFactory(status=status)
    NeedFactory()
    response = api_client.get("/api/v1/offers/")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert _ids(response) == [published.pk]


def test_offer_detail_gives_texts_by_language_fields_and_organisation(api_client):
    organisation = OrganisationFactory(
        names={"ru": "Уральский институт меди", "zh": "乌拉尔铜研究所"},
        country=Country.RUSSIA,
        organisation_type=OrganisationType.RESEARCH_INSTITUTE,
    )
    offer = OfferFactory(
        organisation=organisation,
        titles={"ru": "Литьё медного сплава", "zh": "铜合金铸造"},
        summaries={"ru": "Кратко", "zh": "简介"},
        descriptions={"ru": "Подробно"},
        readiness_level=7,
        patents=["RU 2712345 C1"],
        cooperation_forms=["licence", "joint_rd"],
        keywords={"ru": ["медь"]},
        field_codes=["materials.copper"],
    )
    response = api_client.get(f"/api/v1/offers/{offer.pk}/")
    body = response.json()
    assert response.status_code == 200
    assert body["titles"] == {"ru": "Литьё медного сплава", "zh": "铜合金铸造"}
    assert body["descriptions"] == {"ru": "Подробно"}
    assert body["source_language"] == "ru"
    assert body["languages"] == ["zh", "ru"]
    assert body["technology_fields"] == [
        {
            "code": "materials.copper",
            "names": {
                "zh": "铜基新材料",
                "ru": "Материалы на основе меди",
                "en": "Copper-based materials",
            },
            "parent": "materials",
        }
    ]
    assert body["organisation"] == {
        "id": organisation.pk,
        "names": {"ru": "Уральский институт меди", "zh": "乌拉尔铜研究所"},
        "short_names": {},
        "organisation_type": "institute",
        "country": "RU",
        "regions": {},
    }
    assert body["readiness_level"] == 7
    assert body["patents"] == ["RU 2712345 C1"]
    assert body["cooperation_forms"] == ["licence", "joint_rd"]
    assert body["keywords"] == {"ru": ["медь"]}
    assert body["url"] == f"http://testserver/api/v1/offers/{offer.pk}/"


def test_item_responses_never_contain_owner_contacts(api_client):
    owner = UserFactory(
        email="holder.private@example.ru", full_name="Иван Секретов", phone="+7 999 123-45-67"
    )
    offer = OfferFactory(owner=owner)
    need = NeedFactory(owner=owner)
    expert = ExpertFactory(owner=owner)
    paths = [
        "/api/v1/offers/",
        f"/api/v1/offers/{offer.pk}/",
        "/api/v1/needs/",
        f"/api/v1/needs/{need.pk}/",
        "/api/v1/experts/",
        f"/api/v1/experts/{expert.pk}/",
    ]
    for path in paths:
        text = json.dumps(api_client.get(path).json(), ensure_ascii=False)
        assert "holder.private" not in text, path
        assert "Секретов" not in text, path
        assert "123-45-67" not in text, path
        assert "owner" not in text, path


def test_need_and_expert_details_carry_their_own_fields(api_client):
    need = NeedFactory(
        budget_minimum=100000,
        budget_maximum=500000,
        currency="RUB",
        target_parameters={"zh": "导电率≥80%"},
    )
    expert = ExpertFactory(display_names={"ru": "Пётр Петров"}, open_to_visits=True)
    need_body = api_client.get(f"/api/v1/needs/{need.pk}/").json()
    expert_body = api_client.get(f"/api/v1/experts/{expert.pk}/").json()
    assert (need_body["budget_minimum"], need_body["budget_maximum"], need_body["currency"]) == (
        100000,
        500000,
        "RUB",
    )
    assert need_body["target_parameters"] == {"zh": "导电率≥80%"}
    assert expert_body["display_names"] == {"ru": "Пётр Петров"}
    assert expert_body["open_to_visits"] is True
    assert expert_body["spoken_languages"] == ["ru", "en"]


def test_detail_of_unpublished_item_is_not_found_for_others(api_client):
    draft = OfferFactory(status=ItemStatus.DRAFT, published_at=None)
    assert api_client.get(f"/api/v1/offers/{draft.pk}/").status_code == 404


def test_detail_under_another_kind_is_not_found(api_client):
    need = NeedFactory()
    assert api_client.get(f"/api/v1/offers/{need.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/needs/{need.pk}/").status_code == 200


@pytest.mark.parametrize(
    "item_id", ["0", "-1", "abc", "1.5", "99999999999999999999999", "9223372036854775808", "١"]
)
def test_detail_with_malformed_id_is_not_found(api_client, item_id):
    response = api_client.get(f"/api/v1/offers/{item_id}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_filters_by_field_including_subfields(api_client):
    copper = OfferFactory(field_codes=["materials.copper"])
    OfferFactory(field_codes=["ai.vision"])
    assert _ids(api_client.get("/api/v1/offers/?field=materials")) == [copper.pk]
    assert _ids(api_client.get("/api/v1/offers/?field=materials.copper")) == [copper.pk]
    assert _ids(api_client.get("/api/v1/offers/?field=no-such-field")) == []


def test_filters_by_readiness_range(api_client):
    low, middle, high = (OfferFactory(readiness_level=level) for level in (2, 5, 8))
    assert _ids(api_client.get("/api/v1/offers/?trl_min=4&trl_max=6")) == [middle.pk]
    assert _ids(api_client.get("/api/v1/offers/?trl_min=5&sort=readiness")) == [high.pk, middle.pk]
    assert _ids(api_client.get("/api/v1/offers/?trl_max=2")) == [low.pk]


def test_filters_by_country_organisation_type_cooperation_and_language(api_client):
    chinese = OfferFactory(
        organisation=OrganisationFactory(
            country=Country.CHINA, organisation_type=OrganisationType.UNIVERSITY
        ),
        titles={"zh": "中文标题", "en": "English title"},
        cooperation_forms=["investment"],
    )
    russian = OfferFactory(titles={"ru": "Русский заголовок"}, cooperation_forms=["licence"])
    assert _ids(api_client.get("/api/v1/offers/?country=CN")) == [chinese.pk]
    assert _ids(api_client.get("/api/v1/offers/?organisation_type=university")) == [chinese.pk]
    assert _ids(api_client.get("/api/v1/offers/?cooperation_form=licence")) == [russian.pk]
    assert _ids(api_client.get("/api/v1/offers/?language=en")) == [chinese.pk]
    assert _ids(api_client.get("/api/v1/offers/?language=ru")) == [russian.pk]


def test_search_finds_russian_word_forms_and_chinese_terms(api_client):
    copper = OfferFactory(titles={"ru": "Литьё медного сплава", "zh": "铜合金连续铸造"})
    OfferFactory(titles={"ru": "Нейросеть для зрения", "zh": "视觉神经网络"})
    assert _ids(api_client.get("/api/v1/offers/", {"q": "медные сплавы"})) == [copper.pk]
    assert _ids(api_client.get("/api/v1/offers/", {"q": "铜合金"})) == [copper.pk]
    assert _ids(api_client.get("/api/v1/offers/", {"q": "титан"})) == []


def test_search_on_needs_and_experts(api_client):
    need = NeedFactory(titles={"zh": "寻求铜合金铸造技术"})
    expert = ExpertFactory(titles={"ru": "Металлургия медных сплавов"})
    assert _ids(api_client.get("/api/v1/needs/", {"q": "铜合金"})) == [need.pk]
    assert _ids(api_client.get("/api/v1/experts/", {"q": "медный сплав"})) == [expert.pk]


def test_sort_oldest_and_newest(api_client):
    first, second = OfferFactory(), OfferFactory()
    assert _ids(api_client.get("/api/v1/offers/?sort=oldest")) == [first.pk, second.pk]
    assert _ids(api_client.get("/api/v1/offers/")) == [second.pk, first.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("trl_min=0", "trl_min"),
        ("trl_max=ten", "trl_max"),
        ("country=ZZ", "country"),
        ("organisation_type=bank", "organisation_type"),
        ("cooperation_form=gift", "cooperation_form"),
        ("language=de", "language"),
        ("sort=random", "sort"),
        ("sort=", "sort"),
        ("trl_min=", "trl_min"),
        ("q=" + "x" * 201, "q"),
        ("q=%00", "q"),
    ],
)
def test_invalid_filter_values_are_refused_with_the_parameter_named(api_client, query, field):
    response = api_client.get(f"/api/v1/offers/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_experts_have_no_readiness_sort(api_client):
    assert api_client.get("/api/v1/experts/?sort=readiness").status_code == 400


def test_pagination_pages_and_page_size(api_client):
    offers = [OfferFactory() for _ in range(3)]
    first = api_client.get("/api/v1/offers/?page_size=2").json()
    second = api_client.get("/api/v1/offers/?page_size=2&page=2").json()
    assert first["count"] == 3
    assert [row["id"] for row in first["results"]] == [offers[2].pk, offers[1].pk]
    assert first["next"] == "http://testserver/api/v1/offers/?page=2&page_size=2"
    assert [row["id"] for row in second["results"]] == [offers[0].pk]
    assert second["next"] is None


@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-3", "abc", "2"])
def test_page_out_of_range_is_not_found(api_client, page):
    OfferFactory()
    response = api_client.get(f"/api/v1/offers/?page={page}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_technology_fields_list_the_taxonomy_with_subfields(api_client):
    response = api_client.get("/api/v1/technology-fields/")
    body = response.json()
    assert response.status_code == 200
    assert [root["code"] for root in body][:3] == ["aerospace", "ai", "materials"]
    materials = body[2]
    assert materials["names"]["ru"] == "Материаловедение и новые материалы"
    assert [field["code"] for field in materials["subfields"]] == [
        "materials.metals",
        "materials.copper",
        "materials.polymers",
        "materials.ceramics",
        "materials.coatings",
        "materials.nano",
    ]


@pytest.mark.parametrize("query", ["0" * 100, "!!! ???", "的"])
def test_search_without_searchable_terms_is_no_search(api_client, query):
    offer = OfferFactory()
    response = api_client.get("/api/v1/offers/", {"q": query, "sort": "relevance"})
    assert response.status_code == 200
    assert _ids(response) == [offer.pk]
