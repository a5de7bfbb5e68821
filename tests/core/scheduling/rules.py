"""An independent reading of the scheduling rules of docs/cli.md, for the tests.

Written apart from the scheduler's own checks so that a shared mistake cannot hide.
"""

from collections import Counter, defaultdict

from techbridge.core.scheduling import SchedulePlan, SchedulingInstance


def rule_violations(instance: SchedulingInstance, plan: SchedulePlan) -> list[str]:
    """Every broken rule of ``plan`` for ``instance`` (empty when it follows them all)."""
    people = {participant.id: participant for participant in instance.participants}
    interpreters = {interpreter.id: interpreter for interpreter in instance.interpreters}
    requests = {request.id: request for request in instance.requests}
    broken: list[str] = []
    taken: dict[str, set[str]] = defaultdict(set)
    meeting_counts: Counter[str] = Counter()
    for meeting in plan.meetings:
        request = requests[meeting.request]
        first, second = people[request.a], people[request.b]
        for party in (first, second):
            meeting_counts[party.id] += 1
            if meeting.slot not in party.available:
                broken.append(f"{meeting.request}: {party.id} unavailable in {meeting.slot}")
        remote = first.remote or second.remote
        expected = instance.video_rooms if remote else instance.tables
        if meeting.place not in expected:
            broken.append(f"{meeting.request}: wrong kind of place {meeting.place}")
        shared = set(first.languages) & set(second.languages)
        if not shared:
            interpreter = interpreters.get(meeting.interpreter or "")
            if interpreter is None:
                broken.append(f"{meeting.request}: no interpreter")
            else:
                spoken = set(interpreter.languages)
                if not (spoken & set(first.languages) and spoken & set(second.languages)):
                    broken.append(f"{meeting.request}: interpreter does not cover both")
                if meeting.slot not in interpreter.available:
                    broken.append(f"{meeting.request}: interpreter unavailable")
        used = [("party", request.a), ("party", request.b), ("place", meeting.place)]
        if meeting.interpreter is not None:
            used.append(("interpreter", meeting.interpreter))
        for kind, name in used:
            key = f"{kind}:{name}"
            if key in taken[meeting.slot]:
                broken.append(f"{meeting.request}: {key} double-booked in {meeting.slot}")
            taken[meeting.slot].add(key)
    for person, count in meeting_counts.items():
        limit = people[person].max_meetings
        if limit is not None and count > limit:
            broken.append(f"{person}: {count} meetings, maximum {limit}")
    scheduled = [meeting.request for meeting in plan.meetings]
    if len(scheduled) != len(set(scheduled)):
        broken.append("a request is scheduled twice")
    left_out = [item.request for item in plan.unscheduled]
    if sorted(scheduled + left_out) != sorted(requests):
        broken.append("scheduled and unscheduled requests do not partition the requests")
    return broken
