"""``techbridge assign-reviewers``: optimal reviewer assignment from a JSON instance.

    techbridge assign-reviewers --instance INSTANCE.json [--time-limit SECONDS]

Input and output follow docs/cli.md; the output adds an ``explanations`` list (why
projects stay short, which locked pairs were dropped). Every defect of the instance is
reported with its JSON path, and then nothing is written to stdout (exit status 2).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from techbridge.cli.errors import InputError
from techbridge.cli.inputs import read_json
from techbridge.cli.progress import Progress
from techbridge.core.assignment import (
    AssignmentInstance,
    AssignmentProgress,
    AssignmentResult,
    solve_assignment,
)

# Past this many problems of one kind the rest are counted, not listed.
LISTED_PROBLEMS = 20


def register(subparsers: Any) -> None:
    """Add the ``assign-reviewers`` subcommand to the ``techbridge`` parser."""
    parser = subparsers.add_parser(
        "assign-reviewers",
        help="assign K expert reviewers to every project, maximising total affinity",
        description="Optimal reviewer assignment (docs/cli.md, docs/assignment.md).",
    )
    parser.add_argument("--instance", required=True, help="instance JSON file")
    parser.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=None,
        help="stop improving after this many seconds (status 'feasible' if not proven)",
    )
    parser.set_defaults(handler=run)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def run(arguments: argparse.Namespace) -> int:
    """Read and validate the instance, solve it, print the result as JSON on stdout."""
    path = Path(arguments.instance)
    instance = parse_instance(read_json(path), str(path))
    with Progress("assign-reviewers", 100) as progress:

        def show(event: AssignmentProgress) -> None:
            progress.advance(int(event.fraction * 100) - progress.done)

        result = solve_assignment(instance, time_limit=arguments.time_limit, on_progress=show)
    sys.stdout.write(json.dumps(result_document(result), ensure_ascii=False) + "\n")
    return 0


def result_document(result: AssignmentResult) -> dict[str, Any]:
    """The output JSON of docs/cli.md, plus ``explanations``."""
    return {
        "status": result.status,
        "objective": result.objective,
        "assignments": [[project, expert] for project, expert in result.assignments],
        "unfilled": [[project, missing] for project, missing in result.unfilled],
        "explanations": result.explanations,
    }


class _Problems:
    """Collects problems as ``FILE: $.path: reason`` lines, counting past a limit per kind."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[str] = []
        self.counts: dict[str, int] = {}

    def add(self, path: str, reason: str, kind: str | None = None) -> None:
        kind = kind or path
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= LISTED_PROBLEMS:
            self.lines.append(f"{self.source}: {path}: {reason}")

    def raise_if_any(self) -> None:
        for kind, count in self.counts.items():
            if count > LISTED_PROBLEMS:
                self.lines.append(
                    f"{self.source}: {kind}: {count - LISTED_PROBLEMS} more problems like these"
                )
        if self.lines:
            raise InputError(self.lines)


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _member_path(base: str, key: str) -> str:
    """``$.max_load.e1``, or ``$.max_load["e 1"]`` when the key is not a plain name."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{base}.{key}"
    return f"{base}[{json.dumps(key, ensure_ascii=False)}]"


def _describe(value: object) -> str:
    """A short rendering of a JSON value for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _ids(document: dict[str, Any], key: str, problems: _Problems) -> list[str]:
    """The list of ids under ``key``; each must be a non-empty, unique string."""
    if key not in document:
        problems.add(f"$.{key}", "required list of ids is missing")
        return []
    values = document[key]
    if not isinstance(values, list):
        problems.add(f"$.{key}", f"expected a list of ids, got {_describe(values)}")
        return []
    seen: set[str] = set()
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value:
            problems.add(
                f"$.{key}[{index}]",
                f"expected a non-empty string id, got {_describe(value)}",
                kind=f"$.{key}[]",
            )
        elif value in seen:
            problems.add(f"$.{key}[{index}]", f"duplicate id {value!r}", kind=f"$.{key}[]")
        else:
            seen.add(value)
    return [value for value in values if isinstance(value, str)]


def _affinity(
    document: dict[str, Any], rows: int, columns: int, problems: _Problems
) -> np.ndarray[Any, np.dtype[np.float64]] | None:
    """The projects x experts matrix of finite numbers, or None after reporting why not."""
    if "affinity" not in document:
        problems.add("$.affinity", "required matrix is missing")
        return None
    matrix = document["affinity"]
    if not isinstance(matrix, list):
        problems.add("$.affinity", f"expected a list of {rows} rows, got {_describe(matrix)}")
        return None
    if len(matrix) != rows:
        problems.add("$.affinity", f"expected {rows} rows (one per project), got {len(matrix)}")
    shaped = True
    for index, row in enumerate(matrix):
        if not isinstance(row, list):
            problems.add(
                f"$.affinity[{index}]",
                f"expected a list of {columns} numbers, got {_describe(row)}",
                kind="$.affinity[]",
            )
            shaped = False
            continue
        if len(row) != columns:
            problems.add(
                f"$.affinity[{index}]",
                f"expected {columns} numbers, got {len(row)}",
                kind="$.affinity[]",
            )
            shaped = False
        # Checking the set of types per row keeps the common, valid case fast.
        if not set(map(type, row)) <= {int, float}:
            shaped = False
            for position, value in enumerate(row):
                if type(value) not in (int, float):
                    problems.add(
                        f"$.affinity[{index}][{position}]",
                        f"expected a number, got {_describe(value)}",
                        kind="$.affinity[][]",
                    )
    if not shaped or len(matrix) != rows:
        return None
    try:
        values = np.array(matrix, dtype=np.float64).reshape(rows, columns)
    except OverflowError:
        # An integer too large for a float (JSON allows any number of digits).
        for index, row in enumerate(matrix):
            for position, value in enumerate(row):
                if isinstance(value, int) and not math.isfinite(_as_float(value)):
                    problems.add(
                        f"$.affinity[{index}][{position}]",
                        "number too large",
                        kind="$.affinity[][]",
                    )
        return None
    for index, position in np.argwhere(~np.isfinite(values)).tolist():
        problems.add(
            f"$.affinity[{index}][{position}]",
            f"expected a finite number, got {values[index, position]}",
            kind="$.affinity[][]",
        )
    return values


def _as_float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _load(
    document: dict[str, Any], key: str, experts: set[str], problems: _Problems, default: int | None
) -> int | dict[str, int]:
    """An expert load bound: a non-negative integer or ``{expert id: integer}``."""
    if key not in document:
        if default is None:
            problems.add(f"$.{key}", "required load is missing")
            return 0
        return default
    value = document[key]
    if isinstance(value, dict):
        loads: dict[str, int] = {}
        for expert, load in value.items():
            where = _member_path(f"$.{key}", expert)
            if expert not in experts:
                problems.add(where, f"unknown expert {expert!r}", kind=f"$.{key}")
            elif not _is_integer(load) or load < 0:
                problems.add(
                    where,
                    f"expected a non-negative integer, got {_describe(load)}",
                    kind=f"$.{key}",
                )
            else:
                loads[expert] = load
        return loads
    if not _is_integer(value) or value < 0:
        problems.add(
            f"$.{key}",
            "expected a non-negative integer or an object "
            f"{{expert id: integer}}, got {_describe(value)}",
        )
        return 0
    integer: int = value
    return integer


def _pairs(
    document: dict[str, Any], key: str, projects: set[str], experts: set[str], problems: _Problems
) -> list[tuple[str, str]]:
    """Optional list of ``[project id, expert id]`` pairs naming known ids."""
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.add(
            f"$.{key}", f"expected a list of [project, expert] pairs, got {_describe(value)}"
        )
        return []
    pairs: list[tuple[str, str]] = []
    for index, pair in enumerate(value):
        where = f"$.{key}[{index}]"
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(item, str) for item in pair)
        ):
            problems.add(
                where, f"expected [project id, expert id], got {_describe(pair)}", kind=f"$.{key}[]"
            )
            continue
        project, expert = pair
        known = True
        if project not in projects:
            problems.add(where, f"unknown project {project!r}", kind=f"$.{key}[]")
            known = False
        if expert not in experts:
            problems.add(where, f"unknown expert {expert!r}", kind=f"$.{key}[]")
            known = False
        if known:
            pairs.append((project, expert))
    return pairs


def parse_instance(document: Any, source: str) -> AssignmentInstance:
    """Validate a decoded instance document; raise ``InputError`` listing every problem.

    ``source`` names the file in the messages, which read ``FILE: $.json.path: reason``.
    """
    problems = _Problems(source)
    if not isinstance(document, dict):
        problems.add("$", f"expected a JSON object, got {_describe(document)}")
        problems.raise_if_any()
    projects = _ids(document, "projects", problems)
    experts = _ids(document, "experts", problems)
    affinity = _affinity(document, len(projects), len(experts), problems)
    reviews = document.get("reviews_per_project")
    if "reviews_per_project" not in document:
        problems.add("$.reviews_per_project", "required integer is missing")
    elif not _is_integer(reviews) or reviews < 0:
        problems.add(
            "$.reviews_per_project", f"expected a non-negative integer, got {_describe(reviews)}"
        )
    project_set, expert_set = set(projects), set(experts)
    max_load = _load(document, "max_load", expert_set, problems, default=None)
    min_load = _load(document, "min_load", expert_set, problems, default=0)
    conflicts = _pairs(document, "conflicts", project_set, expert_set, problems)
    locked = _pairs(document, "locked", project_set, expert_set, problems)
    problems.raise_if_any()
    if affinity is None:  # pragma: no cover - a missing matrix is always reported above
        raise InputError([f"{source}: $.affinity: unusable"])
    return AssignmentInstance(
        projects=projects,
        experts=experts,
        affinity=affinity,
        reviews_per_project=int(reviews),
        max_load=max_load,
        min_load=min_load,
        conflicts=conflicts,
        locked=locked,
    )
