"""Signing in by e-mail, throttling of repeated failures, and its audit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from techbridge.accounts.models import SignInFailure
from techbridge.accounts.services import sign_in_wait_seconds
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password, language="en"):
    return client.post(f"/{language}/accounts/sign-in/", {"email": email, "password": password})


def test_sign_in_with_right_password_redirects_to_users_language(client):
    user = UserFactory(preferred_language="ru")
    response = _sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    assert response.cookies["techbridge_language"].value == "ru"
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN, actor=user).count() == 1


def test_sign_in_with_wrong_password_shows_error_and_keeps_email(client):
    user = UserFactory()
    response = _sign_in(client, user.email, "wrong")
    assert response.status_code == 200
    assert "The e-mail address or password is incorrect." in response.content.decode()
    assert f'value="{user.email}"' in response.content.decode()
    assert SignInFailure.objects.filter(email=user.email).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() == 1


def test_sign_in_error_is_in_the_readers_language(client):
    user = UserFactory()
    response = _sign_in(client, user.email, "wrong", language="ru")
    assert "Неверный адрес электронной почты или пароль." in response.content.decode()


def test_sign_in_after_five_failures_is_slowed_down_and_says_why(client):
    user = UserFactory()
    for _attempt in range(5):
        _sign_in(client, user.email, "wrong")
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_is_allowed_again_after_the_wait(client):
    user = UserFactory()
    for _attempt in range(5):
        _sign_in(client, user.email, "wrong")
    SignInFailure.objects.update(created_at=timezone.now() - timedelta(seconds=31))
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert SignInFailure.objects.filter(email=user.email).count() == 0


def test_sign_in_wait_doubles_with_each_further_failure(client, settings):
    user = UserFactory()
    for _attempt in range(7):
        SignInFailure.objects.create(email=user.email, ip_address="10.0.0.1")
    assert sign_in_wait_seconds(email=user.email) in {
        settings.SIGN_IN_BASE_DELAY_SECONDS * 4,
        settings.SIGN_IN_BASE_DELAY_SECONDS * 4 - 1,
    }


def test_sign_in_of_unconfirmed_account_is_refused_with_resend_offer(client):
    user = UserFactory(email_confirmed_at=None)
    response = _sign_in(client, user.email, PASSWORD)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please confirm your e-mail address first" in content
    assert reverse("accounts:resend_confirmation") in content
    assert "_auth_user_id" not in client.session


def test_sign_out_requires_post_and_is_audited(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/en/accounts/sign-out/").status_code == 405
    response = client.post("/en/accounts/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_OUT, actor=user).count() == 1


def test_sign_in_ignores_next_pointing_to_another_site(client):
    user = UserFactory()
    response = client.post(
        "/en/accounts/sign-in/",
        {"email": user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/en/"
