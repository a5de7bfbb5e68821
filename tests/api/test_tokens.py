"""API tokens: obtained with e-mail and password (throttled like the sign-in page),
usable for writes, revoked by their holder."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from techbridge.accounts.models import SignInFailure
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, UserFactory
from tests.api.conftest import authenticated_client

pytestmark = pytest.mark.django_db


def test_token_for_email_and_password(api_client, holder):
    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": holder.email.upper(), "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=holder).key}
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN, actor=holder).count() == 1


def test_token_is_the_same_on_a_second_request(api_client, holder):
    credentials = {"email": holder.email, "password": PASSWORD}
    first = api_client.post("/api/v1/auth/token/", credentials, format="json").json()
    second = api_client.post("/api/v1/auth/token/", credentials, format="json").json()
    assert first == second


def test_obtained_token_authenticates_writes(api_client, holder):
    key = api_client.post(
        "/api/v1/auth/token/", {"email": holder.email, "password": PASSWORD}, format="json"
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.post(
        "/api/v1/offers/",
        {"source_language": "en", "titles": {"en": "Copper casting"}, "readiness_level": 3},
        format="json",
    )
    assert response.status_code == 201


def test_token_with_wrong_password_is_refused_and_recorded(api_client, holder):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": holder.email, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The e-mail address or password is incorrect."]}
    assert not Token.objects.exists()
    assert SignInFailure.objects.filter(email=holder.email).count() == 1


def test_token_for_unknown_address_is_refused_with_the_same_message(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": "nobody@example.com", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The e-mail address or password is incorrect."]}


def test_token_for_unconfirmed_address_is_refused(api_client):
    user = UserFactory(email_confirmed_at=None)
    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": PASSWORD},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            f"Please confirm your e-mail address first: open the link we sent to {user.email}."
        ]
    }
    assert not Token.objects.exists()


def test_token_requests_are_throttled_after_repeated_failures(api_client, holder, settings):
    for _ in range(settings.SIGN_IN_FREE_FAILURES + 1):
        SignInFailure.objects.create(email=holder.email, created_at=timezone.now())
    response = api_client.post(
        "/api/v1/auth/token/", {"email": holder.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("Too many failed sign-in attempts.")
    assert not Token.objects.exists()


def test_token_request_without_fields_names_them(api_client):
    response = api_client.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "email": ["This field is required."],
        "password": ["This field is required."],
    }


def test_token_request_ignores_a_stale_token_header(api_client, holder):
    api_client.credentials(HTTP_AUTHORIZATION="Token stale")
    response = api_client.post(
        "/api/v1/auth/token/", {"email": holder.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_revoking_the_token_makes_it_invalid(holder):
    client = authenticated_client(holder)
    response = client.delete("/api/v1/auth/token/")
    assert response.status_code == 204
    assert not Token.objects.filter(user=holder).exists()
    assert client.get("/api/v1/my/items/").status_code == 401
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_OUT, actor=holder).count() == 1


def test_revoking_anonymously_is_unauthenticated(api_client):
    assert api_client.delete("/api/v1/auth/token/").status_code == 401


def test_unsupported_method_is_refused_before_authentication(api_client):
    response = api_client.put("/api/v1/offers/", {}, format="json")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST, HEAD, OPTIONS"
