"""Benchmark of ``techbridge schedule-meetings`` on 1,000-participant matchmaking days.

For each seed the shared generator (``/work/shared/tools/gen_meetings.py``) makes a day
of 1,000 participants, 5,000 accepted requests, 16 slots, 120 tables, 20 video rooms
and 12 interpreters. The command runs in its own process (as an organiser would run
it), timed end to end; its plan is checked by the shared checker
(``check_meetings.py``) and compared with two upper bounds this benchmark computes
itself, independently of the scheduler's code:

* weight bound: the LP relaxation of "choose at most one common available slot per
  request" with, per slot, at most one meeting per participant, at most as many
  on-site meetings as tables and remote ones as video rooms, Hall's condition for
  interpreters (for every set U of interpreter language profiles free in the slot, the
  meetings that only interpreters of U can serve are at most as many as those
  interpreters), and each participant's maximum; maximising total weight.
* count bound: the same LP maximising the number of meetings.

Any schedule satisfies these constraints, so the LP optima bound its weight and its
number of meetings. A greedy baseline (requests by decreasing weight, earliest slot
that fits) is run in-process for comparison.

    .venv/bin/python bench/scheduling_bench.py [--seeds 1 2 3] [--repeats 1] [--time-limit S]

Writes instances and plans under bench/out/ only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from techbridge.cli.schedule_meetings import parse_instance
from techbridge.core.scheduling import schedule_meetings_greedily

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TOOLS = Path("/work/shared/tools")
PYTHON = ROOT / ".venv" / "bin" / "python"


def generate(seed: int) -> Path:
    """The 1,000-participant day of ``seed`` (generated once, then reused)."""
    path = OUT / f"meetings_day_seed{seed}.json"
    if not path.exists():
        with path.open("w", encoding="utf-8") as output:
            subprocess.run(
                [
                    str(PYTHON),
                    str(TOOLS / "gen_meetings.py"),
                    "--participants",
                    "1000",
                    "--requests",
                    "5000",
                    "--seed",
                    str(seed),
                ],
                stdout=output,
                check=True,
            )
    return path


def lp_bounds(document: dict[str, Any]) -> tuple[float, float]:
    """(weight bound, count bound): optima of the LP relaxation described above."""
    people = {person["id"]: person for person in document["participants"]}
    slots = document["slots"]
    profiles: dict[str, list[frozenset[str]]] = {slot: [] for slot in slots}
    for interpreter in document["interpreters"]:
        for slot in interpreter["available"]:
            profiles[slot].append(frozenset(interpreter["languages"]))

    columns: list[tuple[dict[str, Any], str, frozenset[frozenset[str]] | None, bool]] = []
    for request in document["requests"]:
        first, second = people[request["a"]], people[request["b"]]
        remote = bool(first.get("remote") or second.get("remote"))
        needs = not set(first["languages"]) & set(second["languages"])
        for slot in sorted(set(first["available"]) & set(second["available"])):
            servers = None
            if needs:
                servers = frozenset(
                    profile
                    for profile in profiles[slot]
                    if profile & set(first["languages"]) and profile & set(second["languages"])
                )
                if not servers:
                    continue
            columns.append((request, slot, servers, remote))

    row_of: dict[tuple[Any, ...], int] = {}
    upper: list[float] = []
    rows: list[int] = []
    cols: list[int] = []

    def add(key: tuple[Any, ...], capacity: float, column: int) -> None:
        if key not in row_of:
            row_of[key] = len(upper)
            upper.append(capacity)
        rows.append(row_of[key])
        cols.append(column)

    hall_sets = {
        slot: [
            frozenset(subset)
            for size in range(1, len(set(profiles[slot])) + 1)
            for subset in itertools.combinations(sorted(set(profiles[slot]), key=sorted), size)
        ]
        for slot in slots
    }
    profile_counts = {
        slot: {profile: profiles[slot].count(profile) for profile in set(profiles[slot])}
        for slot in slots
    }
    for column, (request, slot, servers, remote) in enumerate(columns):
        add(("request", request["id"]), 1, column)
        for party in (request["a"], request["b"]):
            add(("party in slot", party, slot), 1, column)
            if people[party].get("max_meetings") is not None:
                add(("party", party), people[party]["max_meetings"], column)
        place_count = len(document["video_rooms"] if remote else document["tables"])
        add(("rooms" if remote else "tables", slot), place_count, column)
        if servers is not None:
            for subset in hall_sets[slot]:
                if servers <= subset:
                    capacity = sum(profile_counts[slot][profile] for profile in subset)
                    add(("hall", slot, subset), capacity, column)

    matrix = coo_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(upper), len(columns))
    ).tocsr()
    bounds = []
    for weights in (
        np.array([request["weight"] for request, *_ in columns]),
        np.ones(len(columns)),
    ):
        result = linprog(
            -weights, A_ub=matrix, b_ub=np.array(upper), bounds=(0, 1), method="highs-ipm"
        )
        assert result.status == 0, result.message
        bounds.append(-result.fun)
    return bounds[0], bounds[1]


def run_command(instance: Path, plan: Path, time_limit: float | None) -> float:
    """Run ``techbridge schedule-meetings`` in its own process; wall seconds."""
    command = [str(PYTHON), "-m", "techbridge", "schedule-meetings", "--instance", str(instance)]
    if time_limit is not None:
        command += ["--time-limit", str(time_limit)]
    started = time.perf_counter()
    with plan.open("w", encoding="utf-8") as output:
        subprocess.run(command, stdout=output, check=True)
    return time.perf_counter() - started


def check(instance: Path, plan: Path) -> dict[str, Any]:
    """The shared checker's verdict (feasibility, its own LP bound)."""
    finished = subprocess.run(
        [str(PYTHON), str(TOOLS / "check_meetings.py"), str(instance), str(plan)],
        capture_output=True,
        text=True,
        check=False,
    )
    verdict: dict[str, Any] = json.loads(finished.stdout)
    return verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--repeats", type=int, default=1, help="runs of the command per seed")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="passed to the command (default: the command's own)",
    )
    parser.add_argument("--skip-checker", action="store_true")
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    rows: list[dict[str, Any]] = []
    for seed in arguments.seeds:
        instance_path = generate(seed)
        document = json.loads(instance_path.read_text(encoding="utf-8"))
        weight_bound, count_bound = lp_bounds(document)
        weights = {request["id"]: request["weight"] for request in document["requests"]}
        seconds = []
        plan_path = OUT / f"meetings_plan_seed{seed}.json"
        for _ in range(arguments.repeats):
            seconds.append(run_command(instance_path, plan_path, arguments.time_limit))
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
        weight = sum(weights[meeting["request"]] for meeting in plan["meetings"])
        count = len(plan["meetings"])

        instance = parse_instance(document, str(instance_path))
        started = time.perf_counter()
        greedy = schedule_meetings_greedily(instance)
        greedy_seconds = time.perf_counter() - started

        verdict = {} if arguments.skip_checker else check(instance_path, plan_path)
        row = {
            "seed": seed,
            "seconds": statistics.median(seconds),
            "status": plan["status"],
            "meetings": count,
            "weight": weight,
            "weight_bound": weight_bound,
            "count_bound": count_bound,
            "weight_ratio": weight / weight_bound,
            "count_ratio": count / count_bound,
            "greedy_seconds": greedy_seconds,
            "greedy_meetings": len(greedy.meetings),
            "greedy_weight": greedy.objective,
            "greedy_weight_ratio": greedy.objective / weight_bound,
            "greedy_count_ratio": len(greedy.meetings) / count_bound,
            "checker_feasible": verdict.get("feasible"),
            "checker_lp_bound": verdict.get("lp_bound"),
            "checker_ratio": verdict.get("ratio"),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)

    print()
    print(f"{'':24}{'scheduler':>12}{'greedy':>12}")
    for label, key, greedy_key, form in (
        ("median seconds", "seconds", "greedy_seconds", "{:12.1f}"),
        ("median meetings", "meetings", "greedy_meetings", "{:12.0f}"),
        ("median weight", "weight", "greedy_weight", "{:12.1f}"),
        ("median weight / bound", "weight_ratio", "greedy_weight_ratio", "{:12.4f}"),
        ("median count / bound", "count_ratio", "greedy_count_ratio", "{:12.4f}"),
    ):
        values = [
            statistics.median(row[key] for row in rows),
            statistics.median(row[greedy_key] for row in rows),
        ]
        print(f"{label:24}" + "".join(form.format(value) for value in values))
    print(f"{'median weight bound':24}{statistics.median(r['weight_bound'] for r in rows):12.1f}")
    print(f"{'median count bound':24}{statistics.median(r['count_bound'] for r in rows):12.1f}")
    print(f"{'worst weight / bound':24}{min(r['weight_ratio'] for r in rows):12.4f}")
    print(f"{'worst count / bound':24}{min(r['count_ratio'] for r in rows):12.4f}")
    print(f"{'slowest run (s)':24}{max(r['seconds'] for r in rows):12.1f}")
    if not arguments.skip_checker:
        feasible = all(row["checker_feasible"] for row in rows)
        print(f"shared checker: every plan feasible = {feasible}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
