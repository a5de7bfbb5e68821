"""The profile page: personal settings, language and time zone."""

import pytest

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")


def test_profile_update_switches_language_and_is_audited(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {
            "full_name": "Li Wei",
            "position": "",
            "phone": "",
            "preferred_language": "zh-hans",
            "time_zone": "Asia/Shanghai",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/accounts/profile/"
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language, user.time_zone) == (
        "Li Wei",
        "zh-hans",
        "Asia/Shanghai",
    )
    entry = AuditEntry.objects.get(action=AuditAction.PROFILE_UPDATED)
    assert entry.details == {"fields": ["full_name", "preferred_language", "time_zone"]}


def test_profile_rejects_unknown_time_zone_and_keeps_input(client):
    user = UserFactory(full_name="Old Name")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {"full_name": "New Name", "preferred_language": "en", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert 'value="New Name"' in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Old Name"


def test_times_are_shown_in_the_users_time_zone(client):
    shanghai = UserFactory(time_zone="Asia/Shanghai")
    client.force_login(shanghai)
    assert "China (Beijing time)" in client.get("/en/accounts/profile/").content.decode()
    moscow = UserFactory(time_zone="Europe/Moscow")
    client.force_login(moscow)
    assert "Moscow" in client.get("/en/accounts/profile/").content.decode()
