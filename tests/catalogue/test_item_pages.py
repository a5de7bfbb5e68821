"""Item pages: reading in your language, authoring, status changes and the organisers'
check, each protected action tried anonymous, with the wrong role and the right role."""

import pytest

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.enums import CheckPoint, ItemStatus
from techbridge.catalogue.models import CatalogueItem, TechnologyField, TechnologyOffer
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _offer_form(holder, **overrides):
    copper = TechnologyField.objects.get(code="materials.copper")
    data = {
        "organisation": holder.memberships.get().organisation.pk,
        "source_language": "ru",
        "titles_ru": "Сплав Cu-Cr-Zr для электродов контактной сварки",
        "titles_zh": "点焊电极用铜铬锆合金",
        "summaries_ru": "Твёрдость 160 HB, электропроводность 80 % IACS.",
        "summaries_zh": "硬度160 HB，导电率80% IACS。",
        "fields": [copper.pk],
        "readiness_level": "7",
        "ip_status": "patented",
        "patents": "RU 2712345 C1\nEA 039876 B1",
        "cooperation_forms": ["licence", "localisation"],
        "then": "save",
    }
    data.update(overrides)
    return data


def test_page_shows_readers_language_first_and_labels_others(client):
    offer = OfferFactory(
        titles={"ru": "Медная фольга", "zh": "铜箔"},
        summaries={"ru": "Фольга толщиной 6 мкм.", "zh": "厚度6微米的铜箔。"},
        descriptions={"ru": "Только по-русски: подробное описание технологии."},
    )
    content = client.get(f"/zh-hans/catalogue/items/{offer.pk}/").content.decode()
    assert content.index("厚度6微米的铜箔。") < content.index("Фольга толщиной 6 мкм.")
    assert '<h1 lang="zh-Hans">' in content
    english = client.get(f"/en/catalogue/items/{offer.pk}/").content.decode()
    assert "Not available in your language; shown in Russian." in english
    assert '<div class="text-version" lang="ru">' in english


def test_unpublished_item_is_hidden_from_others(client):
    draft = OfferFactory(status=ItemStatus.DRAFT)
    assert client.get(f"/en/catalogue/items/{draft.pk}/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/en/catalogue/items/{draft.pk}/").status_code == 404
    client.force_login(draft.owner)
    assert client.get(f"/en/catalogue/items/{draft.pk}/").status_code == 200


def test_owner_contacts_are_hidden_from_readers(client):
    offer = OfferFactory()
    offer.owner.phone = "+7 343 000-00-00"
    offer.owner.save()
    content = client.get(f"/en/catalogue/items/{offer.pk}/").content.decode()
    assert offer.owner.email not in content
    assert "+7 343 000-00-00" not in content
    client.force_login(UserFactory())
    assert offer.owner.email not in client.get(f"/en/catalogue/items/{offer.pk}/").content.decode()


def test_holder_creates_a_draft_and_submits_it(client, holder, organiser):
    client.force_login(holder)
    response = client.post("/ru/catalogue/offers/new/", _offer_form(holder, then="submit"))
    offer = TechnologyOffer.objects.get()
    assert response.status_code == 302
    assert offer.status == ItemStatus.SUBMITTED
    assert offer.patents == ["RU 2712345 C1", "EA 039876 B1"]
    assert offer.titles == {
        "zh": "点焊电极用铜铬锆合金",
        "ru": "Сплав Cu-Cr-Zr для электродов контактной сварки",
    }


def test_half_filled_offer_is_kept_as_a_draft(client, holder):
    client.force_login(holder)
    data = _offer_form(holder, titles_zh="", summaries_ru="", summaries_zh="", then="submit")
    response = client.post("/ru/catalogue/offers/new/", data)
    offer = TechnologyOffer.objects.get()
    assert response.status_code == 302
    assert offer.status == ItemStatus.DRAFT
    assert offer.titles == {"ru": "Сплав Cu-Cr-Zr для электродов контактной сварки"}


def test_bad_patent_number_is_explained_and_input_kept(client, holder):
    client.force_login(holder)
    response = client.post("/en/catalogue/offers/new/", _offer_form(holder, patents="RU 27 C1"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "is not a valid RU patent number" in content
    assert "点焊电极用铜铬锆合金" in content
    assert TechnologyOffer.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "seeker"])
def test_creating_an_offer_is_refused_to_others(client, who, seeker, holder):
    if who == "seeker":
        client.force_login(seeker)
    response = client.post("/en/catalogue/offers/new/", _offer_form(holder))
    assert response.status_code in {302, 403}
    assert TechnologyOffer.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "other_holder"])
def test_editing_is_refused_to_others(client, who):
    offer = OfferFactory(status=ItemStatus.DRAFT, titles={"ru": "Исходное", "zh": "原始"})
    if who == "other_holder":
        from techbridge.accounts.enums import Role
        from tests.accounts.factories import user_with_role

        client.force_login(user_with_role(Role.TECHNOLOGY_HOLDER))
    client.post(f"/en/catalogue/items/{offer.pk}/edit/", {"titles_ru": "Изменено"})
    offer.refresh_from_db()
    assert offer.titles == {"ru": "Исходное", "zh": "原始"}


@pytest.mark.parametrize("who", ["anonymous", "owner", "seeker"])
def test_review_is_for_organisers_only(client, who, seeker):
    offer = OfferFactory(status=ItemStatus.SUBMITTED)
    if who == "owner":
        client.force_login(offer.owner)
    elif who == "seeker":
        client.force_login(seeker)
    data = {f"check_{code}": "on" for code in CheckPoint.values} | {"decision": "publish"}
    response = client.post(f"/en/catalogue/items/{offer.pk}/review/", data)
    assert response.status_code in {302, 403}
    offer.refresh_from_db()
    assert offer.status == ItemStatus.SUBMITTED


def test_organiser_returns_with_comment_and_then_publishes(client, organiser):
    offer = OfferFactory(status=ItemStatus.SUBMITTED)
    client.force_login(organiser)
    response = client.post(
        f"/en/catalogue/items/{offer.pk}/review/",
        {"decision": "return", "comment": "Add the Chinese summary."},
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == ItemStatus.RETURNED
    offer.status = ItemStatus.SUBMITTED
    offer.save()
    data = {f"check_{code}": "on" for code in CheckPoint.values} | {"decision": "publish"}
    client.post(f"/en/catalogue/items/{offer.pk}/review/", data)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.PUBLISHED


def test_publishing_without_the_full_checklist_shows_why(client, organiser):
    offer = OfferFactory(status=ItemStatus.SUBMITTED)
    client.force_login(organiser)
    response = client.post(f"/en/catalogue/items/{offer.pk}/review/", {"decision": "publish"})
    assert "Every point of the checklist must pass" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == ItemStatus.SUBMITTED


def test_status_change_by_stranger_changes_nothing(client):
    offer = OfferFactory()
    client.force_login(UserFactory())
    response = client.post(f"/en/catalogue/items/{offer.pk}/status/", {"status": "archived"})
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == ItemStatus.PUBLISHED
    assert not AuditEntry.objects.filter(action=AuditAction.ITEM_STATUS_CHANGED).exists()


def test_review_page_warns_of_near_duplicates(client, organiser):
    original = OfferFactory(titles={"ru": "Литьё медных сплавов под давлением", "zh": "铜合金压铸"})
    copy = OfferFactory(
        titles={"ru": "Литьё медных сплавов под давлением", "zh": "铜合金压铸"},
        status=ItemStatus.SUBMITTED,
    )
    client.force_login(organiser)
    response = client.get(f"/en/catalogue/items/{copy.pk}/review/")
    assert [warning["item"].pk for warning in response.context["duplicates"]] == [original.pk]
    assert CatalogueItem.objects.count() == 2
