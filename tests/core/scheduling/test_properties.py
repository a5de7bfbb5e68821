"""Property tests of the meeting scheduler on random small days (hypothesis)."""

import dataclasses
import math
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.core.scheduling import (
    Interpreter,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingInstance,
    schedule_meetings,
    schedule_meetings_greedily,
)
from techbridge.core.scheduling.conflicts import find_meeting_conflicts
from techbridge.core.scheduling.index import InstanceIndex
from tests.core.scheduling.rules import rule_violations

LANGUAGES = ("zh", "ru", "en")
REASON_CODES = {
    "no_common_slot",
    "no_interpreter_for_languages",
    "no_interpreter_free",
    "max_meetings_reached",
    "places_full",
    "interpreters_busy",
    "lower_priority",
}


@st.composite
def days(draw, max_participants=7, max_requests=9, max_slots=4):
    """A random day, with some of its requests confirmed in valid positions."""
    slots = tuple(f"s{number}" for number in range(1, draw(st.integers(1, max_slots)) + 1))
    # Mostly wide availability, so that requests compete rather than simply miss.
    some_slots = st.just(slots) | st.lists(st.sampled_from(slots), unique=True).map(tuple)
    languages = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True)
    participant_count = draw(st.integers(2, max_participants))
    participants = tuple(
        Participant(
            id=f"p{number}",
            languages=tuple(draw(languages)),
            available=draw(some_slots),
            remote=draw(st.booleans()),
            max_meetings=draw(st.none() | st.integers(0, 3)),
        )
        for number in range(participant_count)
    )
    interpreters = tuple(
        Interpreter(f"i{number}", tuple(draw(languages)), draw(some_slots))
        for number in range(draw(st.integers(0, 3)))
    )
    # (first, offset) pairs: the second party is never the first.
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, participant_count - 1), st.integers(1, participant_count - 1)),
            min_size=1,
            max_size=max_requests,
        )
    )
    weights = st.sampled_from([0.0, 0.5, 1.0, 1.25, 2.0, 3.0])
    requests = tuple(
        MeetingRequest(
            f"r{number}", f"p{first}", f"p{(first + offset) % participant_count}", draw(weights)
        )
        for number, (first, offset) in enumerate(pairs)
    )
    instance = SchedulingInstance(
        slots=slots,
        tables=tuple(f"T{number}" for number in range(draw(st.integers(0, 3)))),
        video_rooms=tuple(f"V{number}" for number in range(draw(st.integers(0, 2)))),
        participants=participants,
        interpreters=interpreters,
        requests=requests,
    )
    # Confirm a few requests where every rule allows it.
    index = InstanceIndex(instance)
    places = instance.tables + instance.video_rooms
    fixed: list[Meeting] = []
    for request in (
        draw(st.lists(st.sampled_from(requests), unique=True, max_size=3)) if requests else []
    ):
        meeting = Meeting(
            request.id,
            draw(st.sampled_from(slots)),
            draw(st.sampled_from(places)) if places else "none",
            draw(st.none() | st.sampled_from([i.id for i in interpreters]))
            if interpreters
            else None,
        )
        if not find_meeting_conflicts(index, meeting, fixed):
            fixed.append(meeting)
    return dataclasses.replace(instance, fixed=tuple(fixed))


@st.composite
def crowded_days(draw):
    """One or two slots, everyone on site, speaking English and always available, many
    requests of equal-ish weight: odd cycles of requests make the LP relaxation loose,
    so the CP-SAT search has work to do."""
    slots = tuple(f"s{number}" for number in range(1, draw(st.integers(1, 2)) + 1))
    people = [f"p{number}" for number in range(draw(st.integers(3, 6)))]
    pairs = [
        (first, second) for index, first in enumerate(people) for second in people[index + 1 :]
    ]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=3))
    return SchedulingInstance(
        slots=slots,
        tables=tuple(f"T{number}" for number in range(draw(st.integers(1, 3)))),
        video_rooms=(),
        participants=tuple(
            Participant(person, ("en",), slots, max_meetings=draw(st.none() | st.integers(1, 2)))
            for person in people
        ),
        interpreters=(),
        requests=tuple(
            MeetingRequest(f"r{number}", first, second, draw(st.sampled_from([1.0, 2.0])))
            for number, (first, second) in enumerate(chosen)
        ),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=days() | crowded_days())
def test_schedule_meetings_random_days_follow_every_rule(instance):
    plan = schedule_meetings(instance, time_limit=10)

    weights = {request.id: request.weight for request in instance.requests}
    assert rule_violations(instance, plan) == []
    assert set(instance.fixed) <= set(plan.meetings)
    assert plan.objective == round(math.fsum(weights[m.request] for m in plan.meetings), 9)
    assert {item.code for item in plan.unscheduled} <= REASON_CODES
    assert plan.upper_bound is not None
    assert plan.objective <= plan.upper_bound + 1e-6
    assert plan.objective >= schedule_meetings_greedily(instance).objective - 1e-9


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=days(max_participants=6, max_requests=7, max_slots=3) | crowded_days())
def test_schedule_meetings_optimal_status_matches_brute_force(instance):
    plan = schedule_meetings(instance, time_limit=10)

    best = _brute_force_best_weight(instance)
    assert plan.status == "optimal"
    assert math.isclose(plan.objective, best, abs_tol=1e-9)
    assert best <= plan.upper_bound + 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=days())
def test_schedule_meetings_reasons_are_true(instance):
    plan = schedule_meetings(instance, time_limit=10)

    people = {participant.id: participant for participant in instance.participants}
    requests = {request.id: request for request in instance.requests}
    counts = Counter()
    for meeting in plan.meetings:
        counts[requests[meeting.request].a] += 1
        counts[requests[meeting.request].b] += 1
    for item in plan.unscheduled:
        first, second = people[requests[item.request].a], people[requests[item.request].b]
        confirmed_slots = {
            meeting.slot
            for meeting in instance.fixed
            if {requests[meeting.request].a, requests[meeting.request].b} & {first.id, second.id}
        }
        common = set(first.available) & set(second.available) - confirmed_slots
        if item.code == "no_common_slot":
            assert common == set()
        elif item.code == "no_interpreter_for_languages":
            assert not any(
                set(i.languages) & set(first.languages) and set(i.languages) & set(second.languages)
                for i in instance.interpreters
            )
        elif item.code == "max_meetings_reached":
            assert any(
                p.max_meetings is not None and counts[p.id] >= p.max_meetings
                for p in (first, second)
            )
        elif item.code == "places_full":
            remote = first.remote or second.remote
            places = set(instance.video_rooms if remote else instance.tables)
            for slot in common:
                assert places <= {
                    meeting.place for meeting in plan.meetings if meeting.slot == slot
                }
        else:
            assert common != set()


def _brute_force_best_weight(instance):
    """The best total weight over every choice of slot (or none) per open request; a
    choice counts when some assignment of places and interpreters follows the rules."""
    people = {participant.id: participant for participant in instance.participants}
    fixed_requests = {meeting.request for meeting in instance.fixed}
    requests = [request for request in instance.requests if request.id not in fixed_requests]
    by_id = {request.id: request for request in instance.requests}
    best = 0.0

    def fits(slot, chosen):
        """Can the open requests ``chosen`` all meet in ``slot`` beside the confirmed ones?"""
        confirmed = [m for m in instance.fixed if m.slot == slot]
        busy = Counter()
        for request in [by_id[m.request] for m in confirmed] + chosen:
            busy[request.a] += 1
            busy[request.b] += 1
        if any(count > 1 for count in busy.values()):
            return False
        for request in chosen:
            if slot not in people[request.a].available or slot not in people[request.b].available:
                return False
        taken = {m.place for m in confirmed}
        for remote, places in ((True, instance.video_rooms), (False, instance.tables)):
            wanted = sum(1 for r in chosen if (people[r.a].remote or people[r.b].remote) == remote)
            if wanted > len(set(places) - taken):
                return False
        free = [
            i
            for i in instance.interpreters
            if slot in i.available and i.id not in {m.interpreter for m in confirmed}
        ]
        needing = [r for r in chosen if not set(people[r.a].languages) & set(people[r.b].languages)]
        return _matchable(needing, free, people)

    def search(position, weight, chosen_by_slot, counts):
        nonlocal best
        best = max(best, weight)
        if position == len(requests):
            return
        if weight + sum(r.weight for r in requests[position:]) <= best:
            return
        request = requests[position]
        for slot in instance.slots:
            trial = [*chosen_by_slot.get(slot, []), request]
            new_counts = counts + Counter([request.a, request.b])
            if any(
                people[p].max_meetings is not None and new_counts[p] > people[p].max_meetings
                for p in (request.a, request.b)
            ):
                break
            if fits(slot, trial):
                search(
                    position + 1,
                    weight + request.weight,
                    {**chosen_by_slot, slot: trial},
                    new_counts,
                )
        search(position + 1, weight, chosen_by_slot, counts)

    confirmed_counts = Counter()
    for meeting in instance.fixed:
        confirmed_counts.update([by_id[meeting.request].a, by_id[meeting.request].b])
    fixed_weight = sum(by_id[meeting.request].weight for meeting in instance.fixed)
    search(0, 0.0, {}, confirmed_counts)
    return fixed_weight + best


def _matchable(needing, interpreters, people):
    """Whether each request in ``needing`` can have its own interpreter who speaks a
    language of each party (plain backtracking)."""
    if not needing:
        return True
    request, rest = needing[0], needing[1:]
    for position, interpreter in enumerate(interpreters):
        spoken = set(interpreter.languages)
        covers = spoken & set(people[request.a].languages) and spoken & set(
            people[request.b].languages
        )
        others = interpreters[:position] + interpreters[position + 1 :]
        if covers and _matchable(rest, others, people):
            return True
    return False
