"""``techbridge schedule-meetings``: schedule a B2B meeting day from a JSON instance.

Input and output are specified in docs/cli.md. The optional ``fixed`` key lists
confirmed meetings (``{"request", "slot", "place", "interpreter"}``) that must be kept
exactly as they are.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from techbridge.cli.errors import InputError
from techbridge.cli.inputs import read_json
from techbridge.cli.progress import Progress
from techbridge.core.scheduling import (
    DEFAULT_TIME_LIMIT_SECONDS,
    Interpreter,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulePlan,
    SchedulingInstance,
    find_instance_problems,
    schedule_meetings,
)


def register(subparsers: Any) -> None:
    """Add the ``schedule-meetings`` subcommand."""
    parser = subparsers.add_parser(
        "schedule-meetings",
        help="schedule accepted meeting requests into slots, places and interpreters",
        description=(
            "Schedule accepted B2B meeting requests (docs/cli.md). Writes the plan as JSON "
            "to stdout; progress goes to stderr."
        ),
    )
    parser.add_argument("--instance", required=True, help="instance JSON file")
    parser.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=None,
        metavar="SECONDS",
        help=f"stop searching after about this long (default {DEFAULT_TIME_LIMIT_SECONDS:g})",
    )
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    """Read, validate, schedule, print the plan; bad input raises ``InputError``."""
    document = read_json(arguments.instance)
    instance = parse_instance(document, str(arguments.instance))
    reporter = _StageProgress()
    try:
        plan = schedule_meetings(
            instance, time_limit=arguments.time_limit, on_progress=reporter.update
        )
    finally:
        reporter.close()
    json.dump(plan_to_json(plan), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def plan_to_json(plan: SchedulePlan) -> dict[str, Any]:
    """The output document of docs/cli.md."""
    return {
        "status": plan.status,
        "objective": plan.objective,
        "meetings": [
            {
                "request": meeting.request,
                "slot": meeting.slot,
                "place": meeting.place,
                "interpreter": meeting.interpreter,
            }
            for meeting in plan.meetings
        ],
        "unscheduled": [
            {"request": item.request, "reason": item.reason} for item in plan.unscheduled
        ],
    }


def parse_instance(document: Any, file_name: str) -> SchedulingInstance:
    """Turn the JSON document into a ``SchedulingInstance``, or raise ``InputError``
    listing every problem (wrong types, missing keys, then inconsistencies), each as
    ``FILE: $.json.path: reason``."""
    parser = _Parser()
    instance = parser.instance(document)
    problems = parser.problems
    if instance is not None and not problems:
        problems = [(problem.path, problem.message) for problem in find_instance_problems(instance)]
    if problems:
        raise InputError([f"{file_name}: {path}: {message}" for path, message in problems])
    assert instance is not None
    return instance


class _Parser:
    """Reads the JSON shapes, collecting a ``(path, reason)`` for each mismatch."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def instance(self, document: Any) -> SchedulingInstance | None:
        if not isinstance(document, dict):
            self.problems.append(("$", "expected an object"))
            return None
        return SchedulingInstance(
            slots=self.strings(document, "slots", "$", required=True),
            tables=self.strings(document, "tables", "$", required=False),
            video_rooms=self.strings(document, "video_rooms", "$", required=False),
            participants=tuple(
                participant
                for position, item in enumerate(self.array(document, "participants", True))
                if (participant := self.participant(item, f"$.participants[{position}]"))
            ),
            interpreters=tuple(
                interpreter
                for position, item in enumerate(self.array(document, "interpreters", False))
                if (interpreter := self.interpreter(item, f"$.interpreters[{position}]"))
            ),
            requests=tuple(
                request
                for position, item in enumerate(self.array(document, "requests", True))
                if (request := self.request(item, f"$.requests[{position}]"))
            ),
            fixed=tuple(
                meeting
                for position, item in enumerate(self.array(document, "fixed", False))
                if (meeting := self.meeting(item, f"$.fixed[{position}]"))
            ),
        )

    def array(self, container: dict[str, Any], key: str, required: bool) -> list[Any]:
        if key not in container:
            if required:
                self.problems.append((f"$.{key}", "missing"))
            return []
        value = container[key]
        if not isinstance(value, list):
            self.problems.append((f"$.{key}", "expected an array"))
            return []
        return value

    def strings(
        self, container: dict[str, Any], key: str, path: str, *, required: bool
    ) -> tuple[str, ...]:
        if key not in container:
            if required:
                self.problems.append((f"{path}.{key}", "missing"))
            return ()
        value = container[key]
        if not isinstance(value, list):
            self.problems.append((f"{path}.{key}", "expected an array of strings"))
            return ()
        found: list[str] = []
        for position, item in enumerate(value):
            if isinstance(item, str) and item:
                found.append(item)
            else:
                self.problems.append((f"{path}.{key}[{position}]", "expected a non-empty string"))
        return tuple(found)

    def text(self, container: dict[str, Any], key: str, path: str) -> str | None:
        value = container.get(key)
        if isinstance(value, str) and value:
            return value
        reason = "missing" if key not in container else "expected a non-empty string"
        self.problems.append((f"{path}.{key}", reason))
        return None

    def participant(self, item: Any, path: str) -> Participant | None:
        if not isinstance(item, dict):
            self.problems.append((path, "expected an object"))
            return None
        identifier = self.text(item, "id", path)
        languages = self.strings(item, "languages", path, required=True)
        available = self.strings(item, "available", path, required=True)
        remote = item.get("remote", False)
        if not isinstance(remote, bool):
            self.problems.append((f"{path}.remote", "expected true or false"))
            remote = False
        max_meetings = item.get("max_meetings")
        if max_meetings is not None and (
            isinstance(max_meetings, bool) or not isinstance(max_meetings, int)
        ):
            self.problems.append((f"{path}.max_meetings", "expected a whole number or null"))
            max_meetings = None
        if identifier is None:
            return None
        return Participant(identifier, languages, available, remote, max_meetings)

    def interpreter(self, item: Any, path: str) -> Interpreter | None:
        if not isinstance(item, dict):
            self.problems.append((path, "expected an object"))
            return None
        identifier = self.text(item, "id", path)
        languages = self.strings(item, "languages", path, required=True)
        available = self.strings(item, "available", path, required=True)
        if identifier is None:
            return None
        return Interpreter(identifier, languages, available)

    def request(self, item: Any, path: str) -> MeetingRequest | None:
        if not isinstance(item, dict):
            self.problems.append((path, "expected an object"))
            return None
        identifier = self.text(item, "id", path)
        first = self.text(item, "a", path)
        second = self.text(item, "b", path)
        weight = item.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            self.problems.append((f"{path}.weight", "expected a number"))
            weight = 0.0
        elif not math.isfinite(weight):
            self.problems.append((f"{path}.weight", "expected a finite number"))
            weight = 0.0
        if identifier is None or first is None or second is None:
            return None
        return MeetingRequest(identifier, first, second, float(weight))

    def meeting(self, item: Any, path: str) -> Meeting | None:
        if not isinstance(item, dict):
            self.problems.append((path, "expected an object"))
            return None
        request = self.text(item, "request", path)
        slot = self.text(item, "slot", path)
        place = self.text(item, "place", path)
        interpreter = item.get("interpreter")
        if interpreter is not None and not (isinstance(interpreter, str) and interpreter):
            self.problems.append((f"{path}.interpreter", "expected a non-empty string or null"))
            interpreter = None
        if request is None or slot is None or place is None:
            return None
        return Meeting(request, slot, place, interpreter)


class _StageProgress:
    """Shows one progress bar per stage of the scheduler on stderr."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.bar: Progress | None = None

    def update(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            self.bar = Progress(stage, total)
        self.bar.total = max(total, 0)
        self.bar.advance(done - self.bar.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value
