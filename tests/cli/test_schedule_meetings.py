"""``techbridge schedule-meetings``: output format, validation messages and exit codes."""

import json
import subprocess
import sys

import pytest

from techbridge.cli import main

INSTANCE = {
    "slots": ["s01", "s02"],
    "tables": ["T01"],
    "video_rooms": ["V01"],
    "participants": [
        {"id": "a1", "languages": ["zh"], "available": ["s01", "s02"], "remote": False},
        {"id": "a2", "languages": ["ru"], "available": ["s02"], "max_meetings": 3},
        {"id": "a3", "languages": ["en", "ru"], "available": ["s01"], "remote": True},
        {"id": "a4", "languages": ["en"], "available": ["s01"]},
    ],
    "interpreters": [{"id": "i1", "languages": ["zh", "ru"], "available": ["s02"]}],
    "requests": [
        {"id": "r1", "a": "a1", "b": "a2", "weight": 2.0},
        {"id": "r2", "a": "a3", "b": "a4", "weight": 1.5},
        {"id": "r3", "a": "a2", "b": "a4", "weight": 1.0},
    ],
    "meta": {"event": "Shenyang roadshow"},
}


def run_with(tmp_path, capsys, document=None, text=None, extra=()):
    path = tmp_path / "day.json"
    path.write_text(text if text is not None else json.dumps(document), encoding="utf-8")
    status = main(["schedule-meetings", "--instance", str(path), *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err, path


def with_changes(**changes):
    document = json.loads(json.dumps(INSTANCE))
    document.update(changes)
    return document


def test_schedule_meetings_command_prints_the_plan(tmp_path, capsys):
    status, out, _, _ = run_with(tmp_path, capsys, INSTANCE)

    assert status == 0
    assert json.loads(out) == {
        "status": "optimal",
        "objective": 3.5,
        "meetings": [
            {"request": "r2", "slot": "s01", "place": "V01", "interpreter": None},
            {"request": "r1", "slot": "s02", "place": "T01", "interpreter": "i1"},
        ],
        "unscheduled": [
            {
                "request": "r3",
                "reason": "no common free slot: a2 and a4 are never available at the same time",
            }
        ],
    }


def test_schedule_meetings_command_keeps_confirmed_meetings(tmp_path, capsys):
    document = with_changes(fixed=[{"request": "r2", "slot": "s01", "place": "V01"}])

    status, out, _, _ = run_with(tmp_path, capsys, document, extra=["--time-limit", "5"])

    assert status == 0
    assert {"request": "r2", "slot": "s01", "place": "V01", "interpreter": None} in json.loads(out)[
        "meetings"
    ]


def test_schedule_meetings_command_invalid_json_exits_2_with_nothing_on_stdout(tmp_path, capsys):
    status, out, err, path = run_with(tmp_path, capsys, text='{"slots": [')

    assert (status, out) == (2, "")
    assert err.startswith(f"{path}:1: invalid JSON")


def test_schedule_meetings_command_missing_file_exits_2(tmp_path, capsys):
    status = main(["schedule-meetings", "--instance", str(tmp_path / "absent.json")])

    assert status == 2
    assert capsys.readouterr().err == f"{tmp_path / 'absent.json'}: file not found\n"


def test_schedule_meetings_command_reports_every_shape_problem_with_its_path(tmp_path, capsys):
    document = with_changes(
        slots="s01",
        participants=[
            {"id": "a1", "languages": "zh", "available": ["s01"], "remote": "no"},
            {"languages": ["ru"], "available": [3], "max_meetings": 1.5},
            "a3",
        ],
        requests=[{"id": "r1", "a": "a1", "b": "a2", "weight": "high"}],
        fixed=[{"request": "r1", "slot": "s01", "place": "", "interpreter": 7}],
    )

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{path}: $.slots: expected an array of strings",
        f"{path}: $.participants[0].languages: expected an array of strings",
        f"{path}: $.participants[0].remote: expected true or false",
        f"{path}: $.participants[1].id: missing",
        f"{path}: $.participants[1].available[0]: expected a non-empty string",
        f"{path}: $.participants[1].max_meetings: expected a whole number or null",
        f"{path}: $.participants[2]: expected an object",
        f"{path}: $.requests[0].weight: expected a number",
        f"{path}: $.fixed[0].place: expected a non-empty string",
        f"{path}: $.fixed[0].interpreter: expected a non-empty string or null",
    ]


def test_schedule_meetings_command_reports_every_inconsistency_with_its_path(tmp_path, capsys):
    participants = [*INSTANCE["participants"], dict(INSTANCE["participants"][0])]
    participants[1] = {**participants[1], "available": ["s02", "s09"]}
    document = with_changes(
        participants=participants,
        requests=[
            {"id": "r1", "a": "a1", "b": "a7", "weight": 1.0},
            {"id": "r2", "a": "a3", "b": "a3", "weight": 1.0},
            {"id": "r1", "a": "a1", "b": "a2", "weight": -2},
        ],
    )

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{path}: $.participants[1].available[1]: unknown slot 's09'",
        f"{path}: $.participants[4].id: duplicate participant 'a1'",
        f"{path}: $.requests[0].b: unknown participant 'a7'",
        f"{path}: $.requests[1].b: a request of 'a3' with themself",
        f"{path}: $.requests[2].id: duplicate request 'r1'",
        f"{path}: $.requests[2].weight: must be a finite number of at least 0 (got -2.0)",
    ]


def test_schedule_meetings_command_refuses_a_confirmed_meeting_that_breaks_rules(tmp_path, capsys):
    document = with_changes(fixed=[{"request": "r1", "slot": "s01", "place": "T01"}])

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{path}: $.fixed[0]: a2 is not available in s01",
        f"{path}: $.fixed[0]: a1 and a2 share no language (zh–ru) and no interpreter is assigned",
    ]


def test_schedule_meetings_command_refuses_a_non_positive_time_limit(tmp_path, capsys):
    path = tmp_path / "day.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")

    with pytest.raises(SystemExit) as raised:
        main(["schedule-meetings", "--instance", str(path), "--time-limit", "0"])

    assert raised.value.code == 2
    assert capsys.readouterr().out == ""


def test_schedule_meetings_command_stdout_is_pure_json_in_a_real_process(tmp_path):
    path = tmp_path / "day.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")

    finished = subprocess.run(
        [sys.executable, "-m", "techbridge", "schedule-meetings", "--instance", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert finished.returncode == 0
    assert json.loads(finished.stdout)["objective"] == 3.5
