"""Organisers' pages and actions: the meeting day, the scheduler, the schedule, moves,
confirmation; anonymous people and participants are refused and change nothing. Every
page of an event renders for the people it is for."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.events.enums import MeetingStatus, RequestStatus
from techbridge.events.models import Meeting, MeetingRequest, MeetingSlot, SchedulingRun
from techbridge.events.services.meetings import confirm_proposed_meetings, move_meeting
from techbridge.events.services.scheduling import start_scheduling
from tests.events.factories import registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(event, day):
    slots, places = day
    holder = registration(event, languages=["ru"])
    investor = registration(event, languages=["ru"], country="CN")
    request = MeetingRequest.objects.create(
        event=event,
        requester=holder,
        recipient=investor,
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    return Meeting.objects.create(event=event, request=request, slot=slots[0], place=places[0])


def _state():
    return (
        sorted(Meeting.objects.values_list("pk", "status", "slot_id", "place_id")),
        SchedulingRun.objects.count(),
        MeetingSlot.objects.count(),
    )


def test_participants_may_not_run_confirm_or_move(event, day, meeting):
    party = meeting.request.requester.user
    slots, places = day
    before = _state()
    with pytest.raises(PermissionDenied):
        start_scheduling(event=event, actor=party)
    with pytest.raises(PermissionDenied):
        confirm_proposed_meetings(event=event, actor=party)
    with pytest.raises(PermissionDenied):
        move_meeting(meeting=meeting, slot=slots[1], place=places[1], interpreter=None, actor=party)
    assert _state() == before


@pytest.mark.parametrize(
    "path",
    [
        "manage/scheduling/",
        "manage/meetings/confirm/",
        "manage/meeting-day/",
    ],
)
def test_organiser_posts_refused_to_anonymous_and_participants(client, event, meeting, path):
    url = f"/en/events/{event.pk}/{path}"
    data = {
        "time_limit": 5,
        "day": "2030-01-01",
        "starts": "10:00",
        "ends": "11:00",
        "minutes": 20,
        "tables": 1,
        "video_rooms": 0,
    }
    before = _state()
    assert client.post(url, data).status_code == 302
    assert "/accounts/sign-in/" in client.post(url, data)["Location"]
    client.force_login(meeting.request.requester.user)
    assert client.post(url, data).status_code == 403
    assert _state() == before


def test_organiser_sets_up_the_day_runs_the_scheduler_and_confirms(
    client, event, organiser, django_capture_on_commit_callbacks
):
    holder = registration(event, languages=["ru"])
    investor = registration(event, languages=["zh"], country="CN")
    registration(event, role=Role.INTERPRETER, languages=["zh", "ru"])
    MeetingRequest.objects.create(
        event=event,
        requester=holder,
        recipient=investor,
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    client.force_login(organiser)
    local = timezone.localtime(event.starts_at, timezone.get_fixed_timezone(480))
    response = client.post(
        f"/en/events/{event.pk}/manage/meeting-day/",
        {
            "day": local.date().isoformat(),
            "starts": "14:00",
            "ends": "15:20",
            "minutes": 20,
            "break_starts": "14:40",
            "break_ends": "15:00",
            "tables": 2,
            "video_rooms": 1,
        },
    )
    assert response.status_code == 302
    assert list(MeetingSlot.objects.values_list("is_break", flat=True)) == [
        False,
        False,
        True,
        False,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/events/{event.pk}/manage/scheduling/", {"time_limit": 5})
    assert response.status_code == 302
    run = SchedulingRun.objects.get()
    progress = client.get(f"/en/events/{event.pk}/manage/scheduling/{run.pk}/")
    assert 'data-run-status="finished"' in progress.content.decode()
    schedule = client.get(f"/en/events/{event.pk}/manage/meetings/").content.decode()
    assert "Confirm 1 proposed meeting" in schedule
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/events/{event.pk}/manage/meetings/confirm/")
    assert Meeting.objects.get().status == MeetingStatus.CONFIRMED


def test_every_event_page_renders_for_its_people(client, event, day, meeting, organiser):
    slots, _places = day
    started = timezone.now() - timedelta(minutes=5)
    MeetingSlot.objects.filter(pk=slots[0].pk).update(
        starts_at=started, ends_at=started + timedelta(minutes=20)
    )
    base = f"/en/events/{event.pk}"
    client.force_login(organiser)
    for path in (
        "/",
        "/programme/",
        "/participants/",
        "/offers-and-needs/?kind=needs",
        "/manage/registrations/",
        "/manage/meeting-day/",
        "/manage/scheduling/",
        "/manage/meetings/",
        f"/manage/meetings/{meeting.pk}/move/",
        "/check-in/",
    ):
        assert client.get(base + path).status_code == 200, path
    assert client.get("/en/events/").status_code == 200
    party = meeting.request.requester
    client.force_login(party.user)
    for path in (
        "/",
        "/registration/",
        "/participants/",
        "/offers-and-needs/",
        "/requests/",
        "/my-agenda/",
        "/badge/",
        f"/meetings/{meeting.pk}/outcome/",
        f"/participants/{meeting.request.recipient_id}/request/",
    ):
        assert client.get(base + path).status_code == 200, path
    for path in ("/manage/meetings/", f"/manage/meetings/{meeting.pk}/move/", "/check-in/"):
        assert client.get(base + path).status_code == 403, path


def test_a_move_with_conflicts_is_shown_and_saved_only_when_accepted(
    client, event, day, meeting, organiser
):
    slots, places = day
    other = MeetingRequest.objects.create(
        event=event,
        requester=registration(event),
        recipient=registration(event, country="CN"),
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    occupied = Meeting.objects.create(event=event, request=other, slot=slots[1], place=places[0])
    client.force_login(organiser)
    url = f"/en/events/{event.pk}/manage/meetings/{meeting.pk}/move/"
    data = {"slot": occupied.slot_id, "place": occupied.place_id, "interpreter": ""}

    refused = client.post(url, data).content.decode()

    assert "This place is already taken in this slot." in refused
    meeting.refresh_from_db()
    assert meeting.slot_id == slots[0].pk
    assert client.post(url, {**data, "accept_conflicts": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.slot_id == slots[1].pk
