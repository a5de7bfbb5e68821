"""A Chinese seeker's need page recommends the Russian offer that solves it, with the
reasons shown side by side in their languages (headless Chromium)."""

import pytest
from playwright.sync_api import expect

from techbridge.accounts.models import User
from techbridge.catalogue.models import TechnologyField
from techbridge.demo.loader import DEMO_PASSWORD, load_demo
from techbridge.matchmaking.adapter import registry
from techbridge.matchmaking.services import compute_embedding
from tests.browser.conftest import sign_in
from tests.catalogue.factories import NeedFactory, OfferFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_chinese_need_page_recommends_the_russian_offer_with_reasons(page):
    load_demo(embeddings=False)
    registry.clear()
    seeker = User.objects.get(email="seeker@techbridge.example")
    copper = [TechnologyField.objects.get(code="materials.copper")]
    need = NeedFactory(
        owner=seeker,
        organisation=seeker.memberships.get().organisation,
        source_language="zh",
        titles={"zh": "寻求高强高导铜铬锆合金线材生产技术"},
        summaries={
            "zh": "我公司计划建设年产五千吨铜铬锆线材生产线，要求抗拉强度不低于550兆帕，导电率不低于80% IACS。"
        },
        fields=copper,
    )
    solution = OfferFactory(
        source_language="ru",
        titles={"ru": "Технология производства проволоки из хромциркониевой бронзы"},
        summaries={
            "ru": "Непрерывное литьё и прессование проволоки Cu–Cr–Zr: прочность 560–600 МПа, электропроводность 80–82 % IACS."
        },
        fields=copper,
    )
    unrelated = OfferFactory(
        source_language="ru",
        titles={"ru": "Вакцина против африканской чумы свиней"},
        summaries={"ru": "Живая аттенуированная вакцина для свиноводческих комплексов."},
        fields=[TechnologyField.objects.get(code="agriculture.livestock")],
    )
    for item in (need, solution, unrelated):
        compute_embedding(item_id=item.pk)

    sign_in(page, "seeker@techbridge.example", DEMO_PASSWORD, language="zh-hans")
    page.goto(f"/zh-hans/catalogue/items/{need.pk}/")
    first = page.locator("#recommendations .recommendation").first
    expect(first).to_contain_text("Технология производства проволоки из хромциркониевой бронзы")
    expect(first.locator(".reasons")).to_be_visible()
    expect(first.locator('.sentence-pair blockquote[lang="zh-Hans"]')).to_be_visible()
    expect(first.locator('.sentence-pair blockquote[lang="ru"]')).to_be_visible()
    expect(page.locator("#recommendations")).not_to_contain_text("африканской чумы")
