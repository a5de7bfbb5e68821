"""The demo programme: the forum's keynotes with moderators, the Shenyang roadshow's
presenters, meeting day, registrations and requests; loaded once."""

import pytest

from techbridge.demo.loader import load_demo
from techbridge.events.enums import RegistrationRole, SessionKind, SpeakerRole
from techbridge.events.models import (
    Event,
    EventPitch,
    MeetingRequest,
    MeetingSlot,
    Registration,
    Session,
    SessionSpeaker,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            Session,
            SessionSpeaker,
            EventPitch,
            MeetingSlot,
            Registration,
            MeetingRequest,
        )
    ]


def test_demo_programme_matches_the_forum_and_the_shenyang_roadshow_and_loads_once():
    load_demo(embeddings=False)
    before = _counts()
    report = load_demo(embeddings=False)
    assert _counts() == before
    assert report.created.get("sessions", 0) == 0
    assert report.created.get("registrations", 0) == 0

    forum = Event.objects.get(titles__en="8th China–Russia Engineering Technology Forum")
    keynotes = Session.objects.filter(event=forum, kind=SessionKind.KEYNOTE)
    assert keynotes.count() == 6
    for keynote in keynotes:
        roles = sorted(keynote.appearances.values_list("role", flat=True))
        assert roles == [SpeakerRole.MODERATOR, SpeakerRole.SPEAKER]
        speaker = keynote.appearances.get(role=SpeakerRole.SPEAKER).speaker
        assert "院士" in speaker.academic_titles["zh"]
        assert set(speaker.names) == {"zh", "ru", "en"}
    assert Session.objects.filter(event=forum, kind=SessionKind.OPENING).count() == 1

    shenyang = Event.objects.get(titles__en="Russian high technology roadshow (Shenyang)")
    pitches = Session.objects.get(event=shenyang, kind=SessionKind.PITCHES)
    assert pitches.appearances.filter(role=SpeakerRole.SPEAKER).count() == 4
    assert EventPitch.objects.filter(session=pitches).count() == 4
    assert MeetingSlot.objects.filter(event=shenyang, is_break=False).count() == 8
    registrations = Registration.objects.filter(event=shenyang)
    assert set(registrations.values_list("country", flat=True)) == {"CN", "RU"}
    assert registrations.filter(role=RegistrationRole.INTERPRETER).count() == 2
    assert MeetingRequest.objects.filter(event=shenyang).count() == 6
