"""The events adapter to the core scheduler: instances built from the database, plans
applied, confirmed meetings kept, reasons stored and explained, moves checked."""

from collections import Counter

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.accounts.enums import Role
from techbridge.audit.models import AuditEntry
from techbridge.events import scheduling
from techbridge.events.enums import (
    Attendance,
    MeetingStatus,
    RequestStatus,
    SchedulingRunStatus,
)
from techbridge.events.explanations import unscheduled_reason
from techbridge.events.models import Meeting, MeetingRequest, SchedulingRun
from techbridge.events.services import meetings as meeting_services
from techbridge.events.services.scheduling import run_scheduling, start_scheduling
from tests.events.factories import EventFactory, meeting_day, registration

pytestmark = pytest.mark.django_db


def _accepted(first, second, **fields):
    return MeetingRequest.objects.create(
        event=first.event,
        requester=first,
        recipient=second,
        message="Давайте обсудим медные сплавы.",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
        **fields,
    )


def _run(event, organiser, django_capture_on_commit_callbacks, time_limit=5):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_scheduling(event=event, actor=organiser, time_limit=time_limit)
    run.refresh_from_db()
    return run


def test_scheduler_adds_an_interpreter_when_the_parties_share_no_language(
    event, day, organiser, django_capture_on_commit_callbacks
):
    holder = registration(event, languages=["ru"], country="RU")
    investor = registration(event, languages=["zh"], country="CN", role=Role.TECHNOLOGY_SEEKER)
    interpreter = registration(event, languages=["zh", "ru"], role=Role.INTERPRETER)
    request = _accepted(holder, investor)

    run = _run(event, organiser, django_capture_on_commit_callbacks)

    assert run.status == SchedulingRunStatus.FINISHED
    assert run.progress == 100
    assert (run.scheduled_count, run.unscheduled_count, run.plan_status) == (1, 0, "optimal")
    meeting = Meeting.objects.get(request=request)
    assert meeting.status == MeetingStatus.PROPOSED
    assert meeting.interpreter == interpreter
    assert meeting.place.kind == "table"


def test_remote_party_gets_a_video_room_and_shared_language_no_interpreter(
    event, day, organiser, django_capture_on_commit_callbacks
):
    holder = registration(event, languages=["ru", "en"], attendance=Attendance.REMOTE)
    investor = registration(event, languages=["zh", "en"], country="CN")
    registration(event, languages=["zh", "ru"], role=Role.INTERPRETER)
    request = _accepted(holder, investor)

    _run(event, organiser, django_capture_on_commit_callbacks)

    meeting = Meeting.objects.get(request=request)
    assert meeting.place.kind == "video_room"
    assert meeting.interpreter is None


def test_rescheduling_keeps_confirmed_meetings_and_replaces_proposed_ones(
    event, day, organiser, django_capture_on_commit_callbacks
):
    first = registration(event, languages=["ru"])
    second = registration(event, languages=["ru"], country="CN")
    third = registration(event, languages=["ru"], country="CN")
    confirmed_request = _accepted(first, second)
    _run(event, organiser, django_capture_on_commit_callbacks)
    meeting = Meeting.objects.get(request=confirmed_request)
    meeting_services.change_meeting_status(
        meeting=meeting, to_status=MeetingStatus.CONFIRMED, actor=organiser
    )
    before = (meeting.pk, meeting.slot_id, meeting.place_id, meeting.interpreter_id)
    later_request = _accepted(first, third)

    run = _run(event, organiser, django_capture_on_commit_callbacks)

    meeting.refresh_from_db()
    assert (meeting.pk, meeting.slot_id, meeting.place_id, meeting.interpreter_id) == before
    assert meeting.status == MeetingStatus.CONFIRMED
    later = Meeting.objects.get(request=later_request)
    assert later.status == MeetingStatus.PROPOSED
    assert later.slot_id != meeting.slot_id  # ``first`` is busy in the confirmed slot
    assert (run.kept_count, run.scheduled_count) == (1, 1)
    assert Meeting.objects.filter(event=event).count() == 2


def test_each_request_left_out_gets_its_reason_explained(
    organiser, django_capture_on_commit_callbacks
):
    event = EventFactory()
    slots, _places = meeting_day(event, slots=2, tables=1, video_rooms=0)
    # Never free at the same time.
    early = registration(event, languages=["ru"], slots=[slots[0]])
    late = registration(event, languages=["ru"], country="CN", slots=[slots[1]])
    never_together = _accepted(early, late)
    # No interpreter at all for a Chinese and a Russian speaker.
    russian = registration(event, languages=["ru"], slots=[slots[0]])
    chinese = registration(event, languages=["zh"], country="CN", slots=[slots[0]])
    no_interpreter = _accepted(russian, chinese)
    # Three Russian-speaking pairs free only in the first slot; one table.
    pairs = [
        _accepted(
            registration(event, languages=["ru"], slots=[slots[0]]),
            registration(event, languages=["ru"], country="CN", slots=[slots[0]]),
        )
        for _ in range(2)
    ]

    run = _run(event, organiser, django_capture_on_commit_callbacks)

    assert run.scheduled_count == 1
    left_out = {
        request.pk: request
        for request in MeetingRequest.objects.exclude(unscheduled_code="").select_related(
            "requester__user", "recipient__user"
        )
    }
    assert left_out[never_together.pk].unscheduled_code == "no_common_slot"
    assert left_out[no_interpreter.pk].unscheduled_code == "no_interpreter_for_languages"
    table_codes = [left_out[pair.pk].unscheduled_code for pair in pairs if pair.pk in left_out]
    assert table_codes == ["places_full"]
    with translation.override("en"):
        assert unscheduled_reason(left_out[never_together.pk]) == (
            f"{early.user} and {late.user} have no free meeting slot in common (or every "
            "common slot already holds a confirmed meeting of one of them)."
        )
        assert unscheduled_reason(left_out[no_interpreter.pk]) == (
            "The parties share no language and no interpreter of the event speaks Russian "
            "and Chinese."
        )


def test_confirmed_meeting_that_breaks_the_rules_stops_the_run_and_loses_nothing(
    event, day, organiser, django_capture_on_commit_callbacks
):
    slots, _places = day
    first = registration(event, languages=["ru"])
    second = registration(event, languages=["ru"], country="CN")
    request = _accepted(first, second)
    _run(event, organiser, django_capture_on_commit_callbacks)
    meeting = Meeting.objects.get(request=request)
    meeting_services.change_meeting_status(
        meeting=meeting, to_status=MeetingStatus.CONFIRMED, actor=organiser
    )
    # The participant then says they are free only in another slot.
    first.available_slots.set([slot for slot in slots if slot.pk != meeting.slot_id])
    before = list(Meeting.objects.values_list("pk", "slot_id", "place_id", "status"))

    run = _run(event, organiser, django_capture_on_commit_callbacks)

    assert run.status == SchedulingRunStatus.FAILED
    assert [problem["code"] for problem in run.problems] == ["party_unavailable"]
    assert run.problems[0]["registrations"] == [first.pk]
    assert list(Meeting.objects.values_list("pk", "slot_id", "place_id", "status")) == before


def test_a_second_run_is_refused_while_one_is_queued(event, day, organiser):
    SchedulingRun.objects.create(event=event, requested_by=organiser)
    with pytest.raises(Exception) as refused:
        start_scheduling(event=event, actor=organiser)
    assert refused.value.code == "already_running"
    assert SchedulingRun.objects.count() == 1


def test_running_a_run_twice_changes_nothing_the_second_time(
    event, day, organiser, django_capture_on_commit_callbacks
):
    _accepted(registration(event), registration(event, country="CN"))
    run = _run(event, organiser, django_capture_on_commit_callbacks)
    meetings = list(Meeting.objects.values_list("pk", flat=True))

    again = run_scheduling(run_id=run.pk)

    assert again.finished_at == run.finished_at
    assert list(Meeting.objects.values_list("pk", flat=True)) == meetings


def test_moving_a_meeting_onto_another_warns_and_refusal_changes_nothing(
    event, day, organiser, django_capture_on_commit_callbacks
):
    shared = registration(event, languages=["ru"])
    first = _accepted(shared, registration(event, languages=["ru"], country="CN"))
    second = _accepted(shared, registration(event, languages=["ru"], country="CN"))
    _run(event, organiser, django_capture_on_commit_callbacks)
    moving = Meeting.objects.get(request=first)
    staying = Meeting.objects.get(request=second)
    before = (moving.slot_id, moving.place_id)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(meeting_services.MeetingMoveRefused) as refused:
        meeting_services.move_meeting(
            meeting=moving,
            slot=staying.slot,
            place=staying.place,
            interpreter=None,
            actor=organiser,
        )

    codes = Counter(finding.code for finding in refused.value.findings)
    assert codes == Counter({"party_double_booked": 1, "place_double_booked": 1})
    moving.refresh_from_db()
    assert (moving.slot_id, moving.place_id) == before
    assert AuditEntry.objects.count() == audit_before

    accepted = meeting_services.move_meeting(
        meeting=moving,
        slot=staying.slot,
        place=staying.place,
        interpreter=None,
        actor=organiser,
        accept_conflicts=True,
    )
    moving.refresh_from_db()
    assert len(accepted) == 2
    assert (moving.slot_id, moving.place_id) == (staying.slot_id, staying.place_id)
    entry = AuditEntry.objects.get(action="events.meeting_moved")
    assert len(entry.details["conflicts_accepted"]) == 2


def test_check_move_to_a_break_or_a_table_for_a_remote_party(event, organiser):
    slots, places = meeting_day(event, slots=2, tables=1, video_rooms=1)
    slots[1].is_break = True
    slots[1].save()
    remote = registration(event, languages=["ru"], attendance=Attendance.REMOTE)
    request = _accepted(remote, registration(event, languages=["ru"], country="CN"))
    video_room = next(place for place in places if place.kind == "video_room")
    table = next(place for place in places if place.kind == "table")
    meeting = Meeting.objects.create(event=event, request=request, slot=slots[0], place=video_room)

    findings = scheduling.check_move(meeting, slot=slots[1], place=table, interpreter=None)

    assert [finding.code for finding in findings] == ["unknown_slot", "table_for_remote_party"]
    assert findings[1].registrations == (remote.pk,)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    languages=st.lists(
        st.sampled_from([("ru",), ("zh",), ("zh", "ru"), ("en", "ru")]), min_size=6, max_size=6
    ),
    pairs=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=4, max_size=12),
)
def test_scheduled_days_never_double_book_anyone(languages, pairs):
    event = EventFactory()
    meeting_day(event, slots=3, tables=2, video_rooms=1)
    people = [registration(event, languages=list(spoken)) for spoken in languages]
    registration(event, languages=["zh", "ru"], role=Role.INTERPRETER)
    for first, second in {(min(pair), max(pair)) for pair in pairs if pair[0] != pair[1]}:
        _accepted(people[first], people[second])
    run = SchedulingRun.objects.create(event=event, time_limit=3)

    run_scheduling(run_id=run.pk)

    meetings = list(Meeting.objects.filter(event=event).select_related("request", "interpreter"))
    taken = Counter()
    for meeting in meetings:
        taken[(meeting.slot_id, "place", meeting.place_id)] += 1
        taken[(meeting.slot_id, "person", meeting.request.requester_id)] += 1
        taken[(meeting.slot_id, "person", meeting.request.recipient_id)] += 1
        if meeting.interpreter_id:
            taken[(meeting.slot_id, "person", meeting.interpreter_id)] += 1
        shared = set(meeting.request.requester.languages) & set(meeting.request.recipient.languages)
        assert bool(shared) or meeting.interpreter_id is not None
    assert all(count == 1 for count in taken.values())
