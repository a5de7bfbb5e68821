"""Exact small cases of the meeting scheduler, including the bad input of issue 6."""

import pytest

from techbridge.core.scheduling import (
    Interpreter,
    InvalidInstanceError,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingCancelled,
    SchedulingInstance,
    UnscheduledRequest,
    schedule_meetings,
    schedule_meetings_greedily,
)
from tests.core.scheduling.rules import rule_violations

SLOTS = ("s1", "s2", "s3")


def person(identifier, languages=("en",), available=SLOTS, remote=False, max_meetings=None):
    return Participant(identifier, tuple(languages), tuple(available), remote, max_meetings)


def day(participants, requests, *, slots=SLOTS, tables=("T1", "T2"), rooms=("V1",), **extra):
    return SchedulingInstance(
        slots=slots,
        tables=tables,
        video_rooms=rooms,
        participants=tuple(participants),
        interpreters=tuple(extra.get("interpreters", ())),
        requests=tuple(MeetingRequest(*request) for request in requests),
        fixed=tuple(extra.get("fixed", ())),
    )


def test_schedule_meetings_single_request_gets_a_table_in_the_common_slot():
    instance = day(
        [person("A", available=("s2",)), person("B", available=("s2", "s3"))],
        [("r1", "A", "B", 2.5)],
    )

    plan = schedule_meetings(instance)

    assert plan.status == "optimal"
    assert plan.objective == 2.5
    assert plan.upper_bound == 2.5
    assert plan.meetings == (Meeting("r1", "s2", "T1", None),)
    assert plan.unscheduled == ()


def test_schedule_meetings_remote_party_gets_a_video_room():
    instance = day(
        [person("A", available=("s1",), remote=True), person("B", available=("s1",))],
        [("r1", "A", "B", 1.0)],
    )

    plan = schedule_meetings(instance)

    assert plan.meetings == (Meeting("r1", "s1", "V1", None),)


def test_schedule_meetings_parties_without_common_language_get_an_interpreter():
    instance = day(
        [person("A", ("zh",), ("s1",)), person("B", ("ru",), ("s1", "s2"))],
        [("r1", "A", "B", 1.0)],
        interpreters=[
            Interpreter("i1", ("zh", "en"), SLOTS),
            Interpreter("i2", ("zh", "ru"), ("s1",)),
        ],
    )

    plan = schedule_meetings(instance)

    assert plan.meetings == (Meeting("r1", "s1", "T1", "i2"),)


def test_schedule_meetings_beats_greedy_when_the_heaviest_request_blocks_two():
    # One slot: A–B (2.0) collides with both A–C and D–B (1.5 each), which fit together.
    instance = day(
        [person(name, available=("s1",)) for name in "ABCD"],
        [("r1", "A", "B", 2.0), ("r2", "A", "C", 1.5), ("r3", "D", "B", 1.5)],
        slots=("s1",),
    )

    plan = schedule_meetings(instance)
    greedy = schedule_meetings_greedily(instance)

    assert plan.status == "optimal"
    assert plan.objective == 3.0
    assert {meeting.request for meeting in plan.meetings} == {"r2", "r3"}
    assert plan.unscheduled == (
        UnscheduledRequest(
            "r1",
            "lower_priority",
            "lower priority than competing requests: every common free slot is taken "
            "(s1: A busy, B busy, tables full)",
        ),
    )
    assert greedy.objective == 2.0


def test_schedule_meetings_bad_input_is_explained_and_the_rest_scheduled():
    # The three kinds of bad input of issue 6 at once, beside a confirmed meeting.
    instance = day(
        [
            person("A", available=("s1",)),
            person("B", available=("s2",)),
            *(person(name, available=("s1",)) for name in "CDEF"),
            person("G", ("zh",), ("s1", "s2"), remote=True),
            person("H", ("en",), ("s1", "s2")),
            person("K", available=("s1", "s2")),
            person("L", available=("s1", "s2")),
            person("M", ("zh",), ("s1",), remote=True),
            person("N", ("ru",), ("s1",)),
        ],
        [
            ("r1", "A", "B", 1.0),  # never available together
            ("r2", "C", "D", 2.0),  # one table in s1 for two meetings
            ("r3", "E", "F", 1.0),
            ("r4", "G", "H", 1.0),  # no interpreter speaks zh and en
            ("r5", "K", "L", 1.0),  # confirmed
            ("r6", "M", "N", 1.0),  # the zh–ru interpreter only works in s2
        ],
        slots=("s1", "s2"),
        tables=("T1",),
        interpreters=[Interpreter("i1", ("zh", "ru"), ("s2",))],
        fixed=[Meeting("r5", "s2", "T1", None)],
    )

    plan = schedule_meetings(instance)

    assert plan.status == "optimal"
    assert plan.objective == 3.0
    assert plan.meetings == (Meeting("r2", "s1", "T1", None), Meeting("r5", "s2", "T1", None))
    assert plan.unscheduled == (
        UnscheduledRequest(
            "r1",
            "no_common_slot",
            "no common free slot: A and B are never available at the same time",
        ),
        UnscheduledRequest("r3", "places_full", "all tables taken in every common free slot"),
        UnscheduledRequest(
            "r4",
            "no_interpreter_for_languages",
            "no interpreter speaks a language of each party (zh–en)",
        ),
        UnscheduledRequest(
            "r6", "no_interpreter_free", "no interpreter for zh–ru free in any common free slot"
        ),
    )


def test_schedule_meetings_party_at_maximum_is_the_reason():
    instance = day(
        [person("A", max_meetings=1), person("B"), person("C")],
        [("r1", "A", "B", 2.0), ("r2", "A", "C", 1.0)],
    )

    plan = schedule_meetings(instance)

    assert [meeting.request for meeting in plan.meetings] == ["r1"]
    assert plan.unscheduled == (
        UnscheduledRequest(
            "r2", "max_meetings_reached", "A has reached the maximum number of meetings"
        ),
    )


def test_schedule_meetings_busy_interpreters_are_the_reason():
    instance = day(
        [
            person("A", ("zh",), ("s1",)),
            person("B", ("ru",), ("s1",)),
            person("C", ("zh",), ("s1",)),
            person("D", ("ru",), ("s1",)),
        ],
        [("r1", "A", "B", 1.0), ("r2", "C", "D", 3.0)],
        interpreters=[Interpreter("i1", ("ru", "zh"), SLOTS)],
    )

    plan = schedule_meetings(instance)

    assert plan.meetings == (Meeting("r2", "s1", "T1", "i1"),)
    assert plan.unscheduled == (
        UnscheduledRequest(
            "r1", "interpreters_busy", "all interpreters for zh–ru busy in every common free slot"
        ),
    )


def test_schedule_meetings_reassigns_interpreters_so_both_pairs_are_covered():
    # Only i1 speaks English; the zh–ru meeting must take i2 so that i1 serves en–ru.
    instance = day(
        [
            person("A", ("zh",), ("s1",)),
            person("B", ("ru",), ("s1",)),
            person("C", ("en",), ("s1",)),
            person("D", ("ru",), ("s1",)),
        ],
        [("r1", "A", "B", 2.0), ("r2", "C", "D", 1.0)],
        interpreters=[
            Interpreter("i1", ("zh", "ru", "en"), ("s1",)),
            Interpreter("i2", ("zh", "ru"), ("s1",)),
        ],
    )

    for plan in (schedule_meetings(instance), schedule_meetings_greedily(instance)):
        assert plan.meetings == (
            Meeting("r1", "s1", "T1", "i2"),
            Meeting("r2", "s1", "T2", "i1"),
        )


def test_schedule_meetings_keeps_confirmed_meetings_exactly():
    # K–M weighs more than the confirmed K–L, but K is booked in s1 and M has no other slot.
    confirmed = Meeting("r1", "s1", "T2", "i1")
    instance = day(
        [person("K", ("zh",)), person("L", ("ru",)), person("M", ("zh",), ("s1",))],
        [("r1", "K", "L", 1.0), ("r2", "K", "M", 5.0)],
        interpreters=[Interpreter("i1", ("zh", "ru"), SLOTS)],
        fixed=[confirmed],
    )

    plan = schedule_meetings(instance)

    assert plan.meetings == (confirmed,)
    assert plan.objective == 1.0
    assert plan.unscheduled == (
        UnscheduledRequest(
            "r2",
            "no_common_slot",
            "no common free slot: in every slot where both are available, K or M already "
            "has a confirmed meeting",
        ),
    )


def test_schedule_meetings_without_requests_is_optimal_and_empty():
    plan = schedule_meetings(day([person("A")], []))

    assert (plan.status, plan.objective, plan.meetings, plan.unscheduled) == ("optimal", 0, (), ())


def test_schedule_meetings_inconsistent_instance_raises_with_every_problem():
    instance = day([person("A")], [("r1", "A", "Z", 1.0), ("r2", "A", "A", -1.0)])

    with pytest.raises(InvalidInstanceError) as raised:
        schedule_meetings(instance)

    assert [str(problem) for problem in raised.value.problems] == [
        "$.requests[0].b: unknown participant 'Z'",
        "$.requests[1].b: a request of 'A' with themself",
        "$.requests[1].weight: must be a finite number of at least 0 (got -1.0)",
    ]


def test_schedule_meetings_cancelled_raises():
    instance = day([person("A"), person("B")], [("r1", "A", "B", 1.0)])

    with pytest.raises(SchedulingCancelled):
        schedule_meetings(instance, should_cancel=lambda: True)


def test_schedule_meetings_reports_progress_by_stage():
    instance = day([person("A"), person("B")], [("r1", "A", "B", 1.0)])
    reports = []

    schedule_meetings(instance, on_progress=lambda *report: reports.append(report))

    assert reports == [
        ("preparing", 0, 1),
        ("preparing", 1, 1),
        ("relaxation", 0, 1),
        ("relaxation", 1, 1),
        ("explaining", 0, 1),
        ("explaining", 1, 1),
    ]


def test_schedule_meetings_with_no_time_left_still_returns_a_valid_plan():
    instance = day(
        [person(name) for name in "ABCD"],
        [("r1", "A", "B", 1.0), ("r2", "B", "C", 1.0), ("r3", "C", "D", 1.0)],
    )

    plan = schedule_meetings(instance, time_limit=0)

    assert rule_violations(instance, plan) == []
    assert len(plan.meetings) + len(plan.unscheduled) == 3
