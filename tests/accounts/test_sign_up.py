"""Sign-up with e-mail confirmation, and password reset, through real e-mail backends."""

import re

import pytest
from django.core import mail

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Иван Петров",
    "email": "Ivan.Petrov@Example.com",
    "password": "long-enough-passphrase-7",
    "password_again": "long-enough-passphrase-7",
    "preferred_language": "ru",
    "time_zone": "Europe/Moscow",
    "accept_terms": "on",
}


def _link(message):
    return re.search(r"http://127\.0\.0\.1:8000(/\S+)", message.body).group(1)


def test_sign_up_sends_confirmation_in_users_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/sign-up/", SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(email="ivan.petrov@example.com")
    assert user.email_confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ivan.petrov@example.com"]
    assert _link(mail.outbox[0]).startswith("/ru/accounts/confirm/")
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_UP, actor=user).count() == 1


def test_confirmation_link_confirms_and_signs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/sign-up/", SIGN_UP)
    response = client.get(_link(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/profile/"
    user = User.objects.get(email="ivan.petrov@example.com")
    assert user.email_confirmed_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_tampered_confirmation_link_is_refused(client):
    response = client.get("/en/accounts/confirm/not-a-real-token/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_sign_up_errors_keep_what_was_typed(client):
    data = {**SIGN_UP, "password_again": "something-else-entirely"}
    response = client.post("/en/accounts/sign-up/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords differ." in content
    assert 'value="Иван Петров"' in content
    assert 'value="Ivan.Petrov@Example.com"' in content
    assert User.objects.count() == 0


def test_sign_up_refuses_weak_password_and_duplicate_email(client):
    UserFactory(email="ivan.petrov@example.com")
    data = {**SIGN_UP, "password": "12345678", "password_again": "12345678"}
    response = client.post("/en/accounts/sign-up/", data)
    content = response.content.decode()
    assert "An account with this e-mail address already exists." in content
    assert "This password is too short." in content
    assert User.objects.count() == 1


def test_password_reset_sends_link_and_sets_new_password(client):
    user = UserFactory(preferred_language="zh-hans")
    response = client.post("/en/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+?(/\S+/password/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "brand-new-passphrase-9", "new_password2": "brand-new-passphrase-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-passphrase-9")
    assert AuditEntry.objects.filter(action=AuditAction.PASSWORD_RESET, actor=user).count() == 1


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_password_change_requires_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/change/",
        {
            "old_password": "wrong",
            "new_password1": "another-passphrase-3",
            "new_password2": "another-passphrase-3",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
