"""Three languages: prefixes, choice of language, the switcher, and no English leaking into
Chinese or Russian pages."""

import pytest
from django.urls import reverse

from techbridge.accounts.enums import Role
from techbridge.demo.loader import load_demo
from tests.accounts.factories import user_with_role
from tests.web.language_leaks import english_words

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/en/"


def test_language_cookie_wins_over_accept_language(client):
    client.cookies["techbridge_language"] = "zh-hans"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/zh-hans/"


def test_switcher_sets_cookie_and_translates_the_current_url(client):
    response = client.post("/language/", {"language": "ru", "next": "/en/organisations/"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/organisations/"
    assert response.cookies["techbridge_language"].value == "ru"


def test_switcher_translates_a_page_in_another_language_than_the_cookie(client):
    client.cookies["techbridge_language"] = "ru"
    response = client.post("/language/", {"language": "zh-hans", "next": "/en/about/"})
    assert response["Location"] == "/zh-hans/about/"


def test_switcher_ignores_unknown_language_and_foreign_next(client):
    response = client.post("/language/", {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "techbridge_language" not in response.cookies


def test_every_page_offers_the_switcher(client):
    content = client.get("/zh-hans/about/").content.decode()
    for code, name in (("zh-hans", "简体中文"), ("ru", "Русский"), ("en", "English")):
        assert f'value="{code}"' in content
        assert name in content


def _pages(organisation_pk):
    return [
        "/",
        "/about/",
        "/accounts/sign-in/",
        "/accounts/password/reset/",
        "/organisations/",
        f"/organisations/{organisation_pk}/",
        "/organisations/register/",
        "/organisations/verification/",
        "/accounts/profile/",
        "/accounts/password/change/",
        "/no-such-page/",
    ]


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_no_english_word_leaks_into_chinese_or_russian_pages(client, language):
    load_demo(embeddings=False)
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    organisation = organiser.memberships.get().organisation
    leaks = {}
    for path in _pages(organisation.pk):
        response = client.get(f"/{language}{path}")
        assert response.status_code in {200, 404}, path
        words = english_words(response.content.decode(), language, also_allowed={"Person"})
        if words:
            leaks[path] = words
    assert leaks == {}


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_anonymous_pages_have_no_english(client, language):
    load_demo(embeddings=False)
    for path in ("/", "/accounts/sign-in/", "/accounts/sign-up/", "/organisations/", "/about/"):
        response = client.get(f"/{language}{path}")
        assert english_words(response.content.decode(), language) == [], path


def test_back_office_is_translated(client):
    client.force_login(user_with_role(Role.ORGANISER))
    response = client.get(reverse("backoffice:index").replace("/en/", "/ru/"))
    assert response.status_code == 200
    assert "Технологический мост" in response.content.decode()
