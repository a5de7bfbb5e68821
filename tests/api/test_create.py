"""Creating drafts: anonymous, wrong role, right role; invalid input refused with messages
in the request's language; nothing is created by a refused request."""

import pytest

from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import CatalogueItem, TechnologyOffer
from tests.accounts.factories import MembershipFactory, OrganisationFactory, user_with_role
from tests.api.conftest import authenticated_client

pytestmark = pytest.mark.django_db

OFFER = {
    "source_language": "ru",
    "titles": {"ru": "Литьё медного сплава", "zh": "铜合金铸造"},
    "summaries": {"ru": "Кратко о технологии", "zh": "技术简介"},
    "readiness_level": 6,
    "ip_status": "patented",
    "patents": ["ru 2712345 c1"],
    "cooperation_forms": ["licence", "joint_rd", "licence"],
    "technology_fields": ["materials.copper"],
    "keywords": {"ru": ["медь", "литьё"]},
}


def test_create_offer_anonymous_is_unauthenticated(api_client):
    response = api_client.post("/api/v1/offers/", OFFER, format="json")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert CatalogueItem.objects.count() == 0


def test_create_offer_with_unknown_token_is_unauthenticated(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = api_client.post("/api/v1/offers/", OFFER, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_create_offer_as_seeker_is_forbidden_and_creates_nothing(seeker):
    response = authenticated_client(seeker).post("/api/v1/offers/", OFFER, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "To create this, you need the role “Technology holder” in a verified "
        "organisation."
    }
    assert CatalogueItem.objects.count() == 0
    assert not AuditEntry.objects.filter(action=AuditAction.ITEM_CREATED).exists()


def test_create_offer_in_unverified_organisation_is_forbidden():
    holder = user_with_role(Role.TECHNOLOGY_HOLDER, verified=False)
    response = authenticated_client(holder).post("/api/v1/offers/", OFFER, format="json")
    assert response.status_code == 403
    assert CatalogueItem.objects.count() == 0


def test_create_offer_as_holder_makes_a_draft(holder):
    organisation = holder.memberships.get().organisation
    response = authenticated_client(holder).post("/api/v1/offers/", OFFER, format="json")
    offer = TechnologyOffer.objects.get()
    body = response.json()
    assert response.status_code == 201
    assert response.headers["Location"] == f"http://testserver/api/v1/offers/{offer.pk}/"
    assert (offer.owner, offer.organisation, offer.status) == (
        holder,
        organisation,
        ItemStatus.DRAFT,
    )
    assert offer.titles == {"ru": "Литьё медного сплава", "zh": "铜合金铸造"}
    assert offer.patents == ["RU 2712345 C1"]
    assert offer.cooperation_forms == ["licence", "joint_rd"]
    assert [field.code for field in offer.fields.all()] == ["materials.copper"]
    assert body["id"] == offer.pk
    assert body["status"] == "draft"
    assert body["patents"] == ["RU 2712345 C1"]
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.ITEM_CREATED, actor=holder, target_id=str(offer.pk)
        ).count()
        == 1
    )


def test_create_need_as_seeker_and_expert_profile_as_expert():
    seeker = user_with_role(Role.TECHNOLOGY_SEEKER)
    expert = user_with_role(Role.EXPERT)
    need = authenticated_client(seeker).post(
        "/api/v1/needs/",
        {
            "source_language": "zh",
            "titles": {"zh": "寻求铜合金技术"},
            "budget_minimum": 100,
            "budget_maximum": 900,
            "currency": "CNY",
            "deadline": "2027-06-30",
        },
        format="json",
    )
    profile = authenticated_client(expert).post(
        "/api/v1/experts/",
        {
            "source_language": "ru",
            "titles": {"ru": "Металлургия"},
            "display_names": {"ru": "Пётр Петров"},
            "spoken_languages": ["ru", "zh"],
            "open_to_visits": True,
        },
        format="json",
    )
    assert need.status_code == 201
    assert (need.json()["budget_minimum"], need.json()["deadline"]) == (100, "2027-06-30")
    assert profile.status_code == 201
    assert profile.json()["display_names"] == {"ru": "Пётр Петров"}
    assert profile.json()["open_to_visits"] is True


def test_create_expert_profile_as_holder_is_forbidden(holder):
    response = authenticated_client(holder).post(
        "/api/v1/experts/",
        {"source_language": "ru", "titles": {"ru": "Т"}, "display_names": {"ru": "И"}},
        format="json",
    )
    assert response.status_code == 403
    assert CatalogueItem.objects.count() == 0


def test_create_with_several_organisations_needs_the_organisation_named(holder):
    second = OrganisationFactory()
    MembershipFactory(user=holder, organisation=second, role=Role.TECHNOLOGY_HOLDER)
    first = holder.memberships.exclude(organisation=second).get().organisation
    client = authenticated_client(holder)
    unnamed = client.post("/api/v1/offers/", OFFER, format="json")
    named = client.post("/api/v1/offers/", {**OFFER, "organisation": second.pk}, format="json")
    assert unnamed.status_code == 400
    assert unnamed.json() == {
        "organisation": [
            f"Choose the organisation on whose behalf you write: one of {first.pk}, {second.pk}."
        ]
    }
    assert named.status_code == 201
    assert named.json()["organisation"]["id"] == second.pk


def test_create_on_behalf_of_an_organisation_one_does_not_act_for_is_refused(holder):
    pending = OrganisationFactory()
    MembershipFactory(
        user=holder,
        organisation=pending,
        role=Role.TECHNOLOGY_HOLDER,
        status=MembershipStatus.PENDING,
    )
    response = authenticated_client(holder).post(
        "/api/v1/offers/", {**OFFER, "organisation": pending.pk}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["organisation"]
    assert CatalogueItem.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"titles": {"de": "Titel"}}, {"titles": ["Unknown language code: de. Use zh, ru or en."]}),
        (
            {"titles": "Литьё"},
            {
                "titles": [
                    "Expected an object with one entry per language code (zh, ru, en), but got str."
                ]
            },
        ),
        ({"titles": {"ru": "   "}}, {"titles": ["Enter this text in at least one language."]}),
        ({"titles": {"ru": 7}}, {"titles": {"ru": ["Not a valid string."]}}),
        (
            {"titles": {"ru": "x" * 301}},
            {"titles": {"ru": ["Ensure this field has no more than 300 characters."]}},
        ),
        ({"titles": {"ru": "a\x00b"}}, {"titles": {"ru": ["Null characters are not allowed."]}}),
        ({"readiness_level": "6"}, {"readiness_level": ["A valid integer is required."]}),
        (
            {"readiness_level": 10},
            {"readiness_level": ["Ensure this value is less than or equal to 9."]},
        ),
        (
            {"cooperation_forms": ["gift"]},
            {"cooperation_forms": {"0": ['"gift" is not a valid choice.']}},
        ),
        (
            {"technology_fields": ["materials.gold"]},
            {"technology_fields": ["Unknown technology field: materials.gold."]},
        ),
        (
            {"patents": ["XX 123"]},
            {
                "patents": [
                    "“XX 123”: the number must start with one of the office codes CN, RU, "
                    "EA, WO, US, EP."
                ]
            },
        ),
        (
            {"keywords": {"ru": "медь"}},
            {"keywords": {"ru": ['Expected a list of items but got type "str".']}},
        ),
    ],
)
def test_create_with_invalid_field_is_refused_and_creates_nothing(holder, change, errors):
    response = authenticated_client(holder).post(
        "/api/v1/offers/", {**OFFER, **change}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == errors
    assert CatalogueItem.objects.count() == 0


def test_create_need_with_budget_range_reversed_is_refused(seeker):
    response = authenticated_client(seeker).post(
        "/api/v1/needs/",
        {
            "source_language": "zh",
            "titles": {"zh": "需求"},
            "budget_minimum": 900,
            "budget_maximum": 100,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "budget_maximum": ["The upper end of the budget is below the lower end."]
    }


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"titles": ', "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b'{"readiness_level": NaN}', "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
        (b'{"titles": {"ru": "\xff"}}', "application/json", 400),
        (b"{}", "application/json; charset=no-such-charset", 400),
        (b"source_language=ru", "application/x-www-form-urlencoded", 415),
        (b"<offer/>", "application/xml", 415),
    ],
)
def test_create_with_malformed_body_is_refused(holder, body, content_type, status):
    response = authenticated_client(holder).generic(
        "POST", "/api/v1/offers/", body, content_type=content_type
    )
    assert response.status_code == status
    assert CatalogueItem.objects.count() == 0


def test_create_with_body_above_the_upload_limit_is_refused(holder, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {**OFFER, "descriptions": {"ru": "т" * 1000}}
    response = authenticated_client(holder).post("/api/v1/offers/", body, format="json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert CatalogueItem.objects.count() == 0


def test_messages_follow_accept_language(holder):
    client = authenticated_client(holder)
    russian = client.post("/api/v1/offers/", {}, format="json", HTTP_ACCEPT_LANGUAGE="ru-RU")
    chinese = client.post(
        "/api/v1/offers/", {}, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5"
    )
    assert russian.json()["titles"] == ["Обязательное поле."]
    assert russian.headers["Content-Language"] == "ru"
    assert chinese.json()["titles"] == ["该字段是必填项。"]
    assert chinese.headers["Content-Language"] == "zh-hans"


def test_accept_language_wins_over_the_language_cookie(holder, settings):
    client = authenticated_client(holder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    with_header = client.post("/api/v1/offers/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    without_header = client.post("/api/v1/offers/", {}, format="json")
    assert with_header.json()["titles"] == ["This field is required."]
    assert without_header.json()["titles"] == ["Обязательное поле."]


def test_unknown_accept_language_falls_back_to_english(holder):
    response = authenticated_client(holder).post(
        "/api/v1/offers/", {}, format="json", HTTP_ACCEPT_LANGUAGE="de-DE, fr;q=0.8"
    )
    assert response.json()["titles"] == ["This field is required."]
    assert response.headers["Content-Language"] == "en"


def test_authentication_errors_are_translated(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token wrong")
    response = api_client.get("/api/v1/my/items/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 401
    assert response.json() == {"detail": "Недействительный токен."}
