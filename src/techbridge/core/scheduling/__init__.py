"""B2B meeting scheduling: accepted requests into slots, tables or video rooms, and
interpreters, maximising total weight; confirmed meetings are kept; every request left
out is explained. See docs/scheduling.md for the algorithm and docs/cli.md for the rules.
"""

from techbridge.core.scheduling.conflicts import Conflict, check_meeting_move
from techbridge.core.scheduling.instance import (
    Interpreter,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulePlan,
    SchedulingInstance,
    UnscheduledRequest,
)
from techbridge.core.scheduling.solver import (
    DEFAULT_TIME_LIMIT_SECONDS,
    ProgressCallback,
    SchedulingCancelled,
    schedule_meetings,
    schedule_meetings_greedily,
)
from techbridge.core.scheduling.validation import (
    InstanceProblem,
    InvalidInstanceError,
    find_instance_problems,
)

__all__ = [
    "DEFAULT_TIME_LIMIT_SECONDS",
    "Conflict",
    "InstanceProblem",
    "Interpreter",
    "InvalidInstanceError",
    "Meeting",
    "MeetingRequest",
    "Participant",
    "ProgressCallback",
    "SchedulePlan",
    "SchedulingCancelled",
    "SchedulingInstance",
    "UnscheduledRequest",
    "check_meeting_move",
    "find_instance_problems",
    "schedule_meetings",
    "schedule_meetings_greedily",
]
