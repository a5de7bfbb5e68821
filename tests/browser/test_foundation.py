"""End to end in headless Chromium: signing in and up, switching language, translated
pages, htmx under the Content-Security-Policy, the phone layout."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from techbridge.accounts.enums import Role
from techbridge.accounts.models import Organisation, User
from techbridge.demo.loader import DEMO_PASSWORD, load_demo
from tests.accounts.factories import OrganisationFactory
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_seeker_signs_in_sees_chinese_and_switches_to_russian(page):
    load_demo(embeddings=False)
    sign_in(page, "seeker@techbridge.example", DEMO_PASSWORD)
    # The demo seeker prefers Chinese: after sign-in the site speaks Chinese.
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#events-title")).to_have_text("近期活动")
    expect(page.get_by_text("第八届中俄工程技术论坛")).to_be_visible()

    page.get_by_role("button", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("#events-title")).to_have_text("Ближайшие мероприятия")
    expect(page.get_by_text("VIII Китайско-российский форум инженерных технологий")).to_be_visible()

    page.goto("/en/")
    page.get_by_role("button", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))


def test_wrong_password_is_explained_in_the_readers_language(page):
    load_demo(embeddings=False)
    sign_in(page, "holder@techbridge.example", "not-the-password", language="ru")
    expect(page.locator(".form-errors")).to_contain_text(
        "Неверный адрес электронной почты или пароль."
    )
    expect(page.locator("input[name=email]")).to_have_value("holder@techbridge.example")


def test_sign_up_confirm_and_register_an_organisation(page):
    page.goto("/ru/accounts/sign-up/")
    page.fill("input[name=full_name]", "Ольга Сергеевна Волкова")
    page.fill("input[name=email]", "olga.volkova@example.com")
    page.fill("input[name=password]", "медный-сплав-2026")
    page.fill("input[name=password_again]", "медный-сплав-2026")
    page.select_option("select[name=time_zone]", "Asia/Novosibirsk")
    page.check("input[name=accept_terms]")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Подтвердите адрес электронной почты")

    link = re.search(r"http://127\.0\.0\.1:8000(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/ru/accounts/profile/$"))
    assert User.objects.get(email="olga.volkova@example.com").email_confirmed_at is not None

    page.goto("/ru/organisations/register/")
    page.fill("input[name=names_ru]", "Сибирский институт катализа")
    page.fill("input[name=names_zh]", "西伯利亚催化研究所")
    page.select_option("select[name=organisation_type]", "institute")
    page.select_option("select[name=country]", "RU")
    page.select_option("select[name=role]", "holder")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Сибирский институт катализа")
    expect(page.locator("#verification-status")).to_contain_text("Ожидает подтверждения")
    assert Organisation.objects.get(names__ru="Сибирский институт катализа").is_verified is False


def test_organiser_verifies_an_organisation_with_htmx(page):
    load_demo(embeddings=False)
    pending = OrganisationFactory(names={"en": "Harbin Cold Region Lab"}, is_verified=False)
    sign_in(page, "organiser@techbridge.example", DEMO_PASSWORD)
    page.goto(f"/en/organisations/{pending.pk}/")
    page.get_by_role("button", name="Verify this organisation").click()
    expect(page.locator("#verification-status")).to_contain_text("Verified by the organisers")
    pending.refresh_from_db()
    assert pending.is_verified is True


def test_phone_layout_has_a_working_menu(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/zh-hans/")
    navigation = page.locator(".main-nav")
    expect(navigation).to_be_hidden()
    page.locator(".nav-toggle-label").click()
    expect(navigation).to_be_visible()
    expect(navigation.get_by_role("link", name="组织机构")).to_be_visible()


def test_back_office_opens_for_the_organiser_in_russian(page):
    load_demo(embeddings=False)
    sign_in(page, "organiser@techbridge.example", DEMO_PASSWORD)
    page.goto("/ru/backoffice/")
    expect(page.locator("#site-name")).to_contain_text("Технологический мост")
    assert Role.ORGANISER in set(
        User.objects.get(email="organiser@techbridge.example").memberships.values_list(
            "role", flat=True
        )
    )
