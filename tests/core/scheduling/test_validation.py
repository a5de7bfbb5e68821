"""Consistency checks of a scheduling instance, each problem with its JSON path."""

from techbridge.core.scheduling import (
    InstanceProblem,
    Interpreter,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingInstance,
    find_instance_problems,
)


def test_find_instance_problems_of_a_consistent_instance_is_empty():
    instance = SchedulingInstance(
        slots=("s1",),
        tables=("T1",),
        video_rooms=(),
        participants=(Participant("A", ("en",), ("s1",)), Participant("B", ("en",), ("s1",))),
        interpreters=(),
        requests=(MeetingRequest("r1", "A", "B", 1.0),),
        fixed=(Meeting("r1", "s1", "T1"),),
    )

    assert find_instance_problems(instance) == []


def test_find_instance_problems_names_every_inconsistency_by_path():
    instance = SchedulingInstance(
        slots=("s1", "s1"),
        tables=("T1", "T1"),
        video_rooms=("T1",),
        participants=(
            Participant("A", ("en",), ("s1", "s7")),
            Participant("A", ("en",), ("s1",), max_meetings=-1),
        ),
        interpreters=(
            Interpreter("i1", ("zh", "ru"), ("s0",)),
            Interpreter("i1", ("zh", "ru"), ("s1",)),
        ),
        requests=(
            MeetingRequest("r1", "A", "Z", 1.0),
            MeetingRequest("r1", "A", "A", float("nan")),
        ),
    )

    assert [str(problem) for problem in find_instance_problems(instance)] == [
        "$.slots[1]: duplicate slot 's1'",
        "$.tables[1]: duplicate table 'T1'",
        "$.video_rooms[0]: 'T1' is also a table",
        "$.participants[0].available[1]: unknown slot 's7'",
        "$.participants[1].id: duplicate participant 'A'",
        "$.participants[1].max_meetings: must not be negative (got -1)",
        "$.interpreters[0].available[0]: unknown slot 's0'",
        "$.interpreters[1].id: duplicate interpreter 'i1'",
        "$.requests[0].b: unknown participant 'Z'",
        "$.requests[1].id: duplicate request 'r1'",
        "$.requests[1].b: a request of 'A' with themself",
        "$.requests[1].weight: must be a finite number of at least 0 (got nan)",
    ]


def test_find_instance_problems_refuses_confirmed_meetings_that_break_rules():
    instance = SchedulingInstance(
        slots=("s1", "s2"),
        tables=("T1",),
        video_rooms=("V1",),
        participants=(
            Participant("A", ("zh",), ("s1",)),
            Participant("B", ("ru",), ("s1",)),
            Participant("C", ("zh",), ("s1",), max_meetings=1),
        ),
        interpreters=(Interpreter("i1", ("zh", "ru"), ("s1",)),),
        requests=(
            MeetingRequest("r1", "A", "B", 1.0),
            MeetingRequest("r2", "A", "C", 1.0),
            MeetingRequest("r3", "B", "C", 1.0),
        ),
        fixed=(
            Meeting("r1", "s1", "T1", "i1"),
            Meeting("r2", "s2", "V1"),
            Meeting("r1", "s1", "T1", "i1"),
            Meeting("r3", "s1", "T1"),
            Meeting("r9", "s1", "T1"),
        ),
    )

    assert find_instance_problems(instance) == [
        InstanceProblem("$.fixed[1]", "A is not available in s2"),
        InstanceProblem("$.fixed[1]", "C is not available in s2"),
        InstanceProblem(
            "$.fixed[1]",
            "V1 is a video room but A and C are both on site; the meeting needs a table",
        ),
        InstanceProblem("$.fixed[2].request", "request 'r1' is confirmed twice"),
        InstanceProblem(
            "$.fixed[3]",
            "B and C share no language (ru–zh) and no interpreter is assigned",
        ),
        InstanceProblem("$.fixed[3]", "B already meets in s1 (request r1)"),
        InstanceProblem("$.fixed[3]", "T1 is already taken in s1 (request r1)"),
        InstanceProblem("$.fixed[3]", "C would have 2 meetings, more than their maximum of 1"),
        InstanceProblem("$.fixed[4].request", "unknown request 'r9'"),
    ]
