"""The home page: upcoming events with their organising units, honest empty states,
times in the reader's own time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from techbridge.events.models import Event, OrganisingUnit
from tests.accounts.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _event(**fields):
    defaults = {
        "titles": {
            "zh": "铜产业技术路演",
            "ru": "Питч-сессия медной отрасли",
            "en": "Copper roadshow",
        },
        "kind": "roadshow",
        "event_format": "hybrid",
        "starts_at": datetime(2099, 3, 18, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
        "ends_at": datetime(2099, 3, 18, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
        "is_published": True,
    }
    return Event.objects.create(**{**defaults, **fields})


def test_home_shows_empty_states_without_content(client):
    content = client.get("/en/").content.decode()
    assert "No upcoming events have been announced yet." in content
    assert "No technology offers have been published yet." in content
    assert "No technology needs have been published yet." in content


def test_home_lists_published_upcoming_events_in_readers_language(client):
    _event()
    _event(titles={"en": "Unpublished plan"}, is_published=False)
    _event(
        titles={"en": "Past forum"},
        starts_at=datetime(2001, 1, 1, tzinfo=ZoneInfo("UTC")),
        ends_at=datetime(2001, 1, 2, tzinfo=ZoneInfo("UTC")),
    )
    content = client.get("/ru/").content.decode()
    assert "Питч-сессия медной отрасли" in content
    assert "Unpublished plan" not in content
    assert "Past forum" not in content


def test_home_groups_organising_units_by_role_in_customary_order(client):
    event = _event()
    for position, role in enumerate(["partner", "host", "technical_support", "organiser"]):
        OrganisingUnit.objects.create(
            event=event,
            role=role,
            position=position,
            organisation=OrganisationFactory(names={"en": f"Unit {role}"}),
        )
    content = client.get("/en/").content.decode()
    positions = [
        content.index(label) for label in ("Host", "Organiser", "Technical support", "Partner")
    ]
    assert positions == sorted(positions)


def test_event_times_follow_the_readers_time_zone(client):
    _event()
    client.force_login(UserFactory(time_zone="Asia/Shanghai"))
    assert "09:30" in client.get("/en/").content.decode()
    client.force_login(UserFactory(time_zone="Europe/Moscow"))
    assert "04:30" in client.get("/en/").content.decode()


def test_anonymous_time_zone_comes_from_the_browser_cookie(client):
    _event()
    client.cookies["techbridge_time_zone"] = "Europe/Moscow"
    assert "04:30" in client.get("/en/").content.decode()
