"""The catalogue loop end to end in headless Chromium: a Russian holder writes an offer in
Russian and Chinese, the organiser returns it once, the holder fixes it, the organiser
publishes it, a Chinese seeker finds it with a Chinese keyword and expresses interest, the
holder accepts, and both see each other's contacts."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyField, TechnologyOffer
from techbridge.demo.loader import DEMO_PASSWORD, load_demo
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_offer_from_russian_holder_to_chinese_seeker(page, another_page):
    load_demo(embeddings=False)
    with translation.override("ru"):
        submitted_label = str(ItemStatus.SUBMITTED.label)
        save_and_submit = translation.gettext("Save and submit for check")
        edit = translation.gettext("Edit")
        accept = translation.gettext("Accept and share contacts")
    copper = TechnologyField.objects.get(code="materials.copper")

    # The Russian holder writes the offer in Russian and Chinese and submits it.
    holder = page
    sign_in(holder, "holder@techbridge.example", DEMO_PASSWORD, language="ru")
    holder.goto("/ru/catalogue/offers/new/")
    holder.fill("input[name=titles_ru]", "Бериллиевая бронза без бериллия для пружинных контактов")
    holder.fill("input[name=titles_zh]", "无铍弹性铜合金")
    holder.fill(
        "textarea[name=summaries_ru]",
        "Сплав Cu–Ni–Si–Cr с прочностью 900 МПа заменяет бериллиевую бронзу в разъёмах.",
    )
    holder.fill("textarea[name=summaries_zh]", "强度900兆帕的铜镍硅铬合金。")
    holder.select_option("select[name=fields]", str(copper.pk))
    holder.select_option("select[name=readiness_level]", "6")
    holder.check("input[name=cooperation_forms][value=licence]")
    holder.get_by_role("button", name=save_and_submit).click()
    expect(holder.locator(".badge").first).to_have_text(submitted_label)
    offer = TechnologyOffer.objects.get(titles__zh="无铍弹性铜合金")
    assert offer.status == ItemStatus.SUBMITTED

    # The organiser returns it once with a comment.
    organiser = another_page()
    sign_in(organiser, "organiser@techbridge.example", DEMO_PASSWORD, language="en")
    organiser.goto("/en/catalogue/moderation/")
    organiser.get_by_role("link", name=re.compile("无铍弹性铜合金|Бериллиевая")).click()
    organiser.fill(
        "textarea[name=comment]",
        "Please say in Chinese that it replaces beryllium bronze in connectors.",
    )
    organiser.get_by_role("button", name="Return to the author").click()
    expect(organiser.locator(".messages")).to_contain_text("Returned to the author")

    # The holder reads the comment, fixes the Chinese summary and submits again.
    holder.goto(f"/ru/catalogue/items/{offer.pk}/")
    expect(holder.locator(".notice").first).to_contain_text("Please say in Chinese")
    holder.get_by_role("link", name=edit).click()
    holder.fill(
        "textarea[name=summaries_zh]", "强度900兆帕的铜镍硅铬合金，可在连接器中替代铍青铜弹性触点。"
    )
    holder.get_by_role("button", name=save_and_submit).click()
    expect(holder.locator(".badge").first).to_have_text(submitted_label)

    # The organiser checks every point and publishes it.
    organiser.goto(f"/en/catalogue/items/{offer.pk}/review/")
    for checkbox in organiser.locator("input[type=checkbox][name^=check_]").all():
        checkbox.check()
    organiser.get_by_role("button", name="Publish", exact=True).click()
    expect(organiser.locator(".messages")).to_contain_text("Published.")

    # The Chinese seeker finds it with a Chinese keyword and expresses interest.
    seeker = another_page()
    sign_in(seeker, "seeker@techbridge.example", DEMO_PASSWORD, language="zh-hans")
    seeker.goto("/zh-hans/catalogue/offers/")
    seeker.fill("input[name=q]", "铍青铜")
    seeker.locator("input[name=q]").press("Enter")
    seeker.get_by_role("link", name="无铍弹性铜合金").click()
    expect(seeker.locator("#contacts")).not_to_contain_text("holder@techbridge.example")
    seeker.locator("#contacts a.button").click()
    seeker.fill("textarea[name=message]", "我们是鹰潭的铜加工企业，希望引进该合金用于连接器生产。")
    seeker.locator("main form button[type=submit]").click()
    expect(seeker.locator(".messages")).to_be_visible()

    # The holder accepts; both now see each other's contacts.
    holder.goto("/ru/catalogue/interests/")
    holder.get_by_role("button", name=accept).click()
    expect(holder.locator("main")).to_contain_text("seeker@techbridge.example")
    seeker.goto(f"/zh-hans/catalogue/items/{offer.pk}/")
    expect(seeker.locator("#contacts")).to_contain_text("holder@techbridge.example")
