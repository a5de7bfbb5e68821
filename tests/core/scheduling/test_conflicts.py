"""Moving a meeting by hand: every conflict it would create, and nothing changed."""

from techbridge.core.scheduling import (
    Conflict,
    Interpreter,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulePlan,
    SchedulingInstance,
    check_meeting_move,
)

INSTANCE = SchedulingInstance(
    slots=("s1", "s2"),
    tables=("T1", "T2"),
    video_rooms=("V1",),
    participants=(
        Participant("A", ("zh",), ("s1", "s2")),
        Participant("B", ("ru",), ("s1",)),
        Participant("C", ("en",), ("s1", "s2"), remote=True),
        Participant("D", ("zh",), ("s1", "s2"), max_meetings=1),
    ),
    interpreters=(
        Interpreter("i1", ("zh", "ru"), ("s1",)),
        Interpreter("i2", ("zh", "en"), ("s2",)),
    ),
    requests=(
        MeetingRequest("r1", "A", "B", 1.0),
        MeetingRequest("r2", "C", "D", 1.0),
        MeetingRequest("r3", "A", "D", 1.0),
        MeetingRequest("r4", "B", "D", 1.0),
    ),
)
PLAN = SchedulePlan(
    status="feasible",
    objective=2.0,
    meetings=(Meeting("r1", "s1", "T1", "i1"), Meeting("r2", "s2", "V1", "i2")),
    unscheduled=(),
)


def move(request, slot, place, interpreter=None):
    return check_meeting_move(
        INSTANCE, PLAN, request, slot=slot, place=place, interpreter=interpreter
    )


def test_check_meeting_move_within_its_own_slot_is_allowed():
    assert move("r1", "s1", "T2", "i1") == []


def test_check_meeting_move_onto_a_busy_party_and_table_lists_each_conflict():
    assert move("r3", "s1", "T1") == [
        Conflict("party_double_booked", "A already meets in s1 (request r1)"),
        Conflict("place_double_booked", "T1 is already taken in s1 (request r1)"),
        Conflict("max_meetings_exceeded", "D would have 2 meetings, more than their maximum of 1"),
    ]


def test_check_meeting_move_to_a_slot_where_people_are_away_is_refused():
    assert move("r1", "s2", "T2", "i1") == [
        Conflict("party_unavailable", "B is not available in s2"),
        Conflict("interpreter_unavailable", "interpreter i1 is not available in s2"),
    ]


def test_check_meeting_move_without_a_needed_interpreter_is_refused():
    assert move("r1", "s1", "T2") == [
        Conflict(
            "interpreter_missing",
            "A and B share no language (zh–ru) and no interpreter is assigned",
        )
    ]


def test_check_meeting_move_with_an_interpreter_of_the_wrong_languages_is_refused():
    assert move("r1", "s1", "T2", "i2") == [
        Conflict("interpreter_unavailable", "interpreter i2 is not available in s1"),
        Conflict(
            "interpreter_languages",
            "interpreter i2 (zh/en) does not speak a language of each party (zh–ru)",
        ),
    ]


def test_check_meeting_move_of_a_remote_meeting_to_a_table_is_refused():
    assert move("r2", "s2", "T1", "i2") == [
        Conflict(
            "table_for_remote_party",
            "T1 is a table but C takes part remotely; the meeting needs a video room",
        )
    ]


def test_check_meeting_move_of_an_on_site_meeting_to_a_video_room_is_refused():
    assert move("r3", "s1", "V1")[0] == Conflict(
        "video_room_for_on_site_meeting",
        "V1 is a video room but A and D are both on site; the meeting needs a table",
    )


def test_check_meeting_move_onto_a_busy_interpreter_is_refused():
    assert move("r4", "s1", "T2", "i1") == [
        Conflict("party_double_booked", "B already meets in s1 (request r1)"),
        Conflict("interpreter_double_booked", "interpreter i1 already works in s1 (request r1)"),
        Conflict("max_meetings_exceeded", "D would have 2 meetings, more than their maximum of 1"),
    ]


def test_check_meeting_move_to_unknown_things_names_each():
    assert move("r1", "s9", "X1", "i9") == [
        Conflict("unknown_slot", "there is no slot 's9'"),
        Conflict("unknown_place", "there is no table or video room 'X1'"),
        Conflict("unknown_interpreter", "there is no interpreter 'i9'"),
    ]
    assert move("r9", "s1", "T1") == [Conflict("unknown_request", "there is no request 'r9'")]


def test_check_meeting_move_changes_nothing():
    before = (INSTANCE, PLAN.meetings)

    move("r3", "s1", "T1")

    assert (INSTANCE, PLAN.meetings) == before
