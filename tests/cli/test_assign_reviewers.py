"""``techbridge assign-reviewers``: output format, validation messages and exit codes."""

import json
import math
import subprocess
import sys

import pytest

from techbridge.cli import main

INSTANCE = {
    "projects": ["p1", "p2", "p3"],
    "experts": ["e1", "e2", "e3"],
    "affinity": [[0.9, 0.1, 0.5], [0.8, 0.7, 0.2], [0.3, 0.6, 0.4]],
    "conflicts": [["p1", "e1"]],
    "reviews_per_project": 1,
    "max_load": 1,
    "min_load": 0,
    "meta": {"generator": "by hand"},
}


def write_instance(tmp_path, document, text=None):
    path = tmp_path / "inst.json"
    path.write_text(text if text is not None else json.dumps(document), encoding="utf-8")
    return path


def run_with(tmp_path, capsys, document=None, text=None, extra=()):
    path = write_instance(tmp_path, document, text)
    status = main(["assign-reviewers", "--instance", str(path), *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err, path


def with_changes(**changes):
    document = json.loads(json.dumps(INSTANCE))
    document.update(changes)
    return document


def test_assign_reviewers_valid_instance_prints_optimal_assignment(tmp_path, capsys):
    status, out, err, _ = run_with(tmp_path, capsys, INSTANCE)

    assert status == 0
    assert err == ""
    document = json.loads(out)
    assert list(document) == ["status", "objective", "assignments", "unfilled", "explanations"]
    assert document["status"] == "optimal"
    assert document["assignments"] == [["p1", "e3"], ["p2", "e1"], ["p3", "e2"]]
    assert document["objective"] == pytest.approx(1.9, abs=1e-12)
    assert document["unfilled"] == []
    assert document["explanations"] == []


def test_assign_reviewers_infeasible_instance_explains_and_succeeds(tmp_path, capsys):
    document = with_changes(
        reviews_per_project=2, max_load=3, conflicts=[["p1", "e1"], ["p1", "e2"]]
    )

    status, out, _, _ = run_with(tmp_path, capsys, document)

    assert status == 0
    result = json.loads(out)
    assert result["status"] == "infeasible"
    assert result["unfilled"] == [["p1", 1]]
    assert result["explanations"] == ["p1: only 1 expert without a conflict of interest (needs 2)"]


def test_assign_reviewers_per_expert_loads_and_locked_pairs_are_honoured(tmp_path, capsys):
    document = with_changes(
        max_load={"e1": 2, "e2": 1, "e3": 0}, min_load={"e2": 1}, locked=[["p3", "e1"]]
    )

    status, out, _, _ = run_with(tmp_path, capsys, document)

    assert status == 0
    result = json.loads(out)
    assert result["status"] == "optimal"
    assert ["p3", "e1"] in result["assignments"]
    assert sorted(expert for _, expert in result["assignments"]) == ["e1", "e1", "e2"]


def test_assign_reviewers_short_affinity_row_names_json_path(tmp_path, capsys):
    document = with_changes(affinity=[[0.9, 0.1, 0.5], [0.8, 0.7], [0.3, 0.6, 0.4]])

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert status == 2
    assert out == ""
    assert err == f"{path}: $.affinity[1]: expected 3 numbers, got 2\n"


def test_assign_reviewers_every_problem_is_reported_at_once(tmp_path, capsys):
    document = with_changes(
        affinity=[[0.9, "high", 0.5], [0.8, True, None], [0.3, 0.6, 0.4]],
        conflicts=[["p1", "e9"], ["p7", "e1"], ["p1"]],
        locked=[["p4", "e2"]],
        reviews_per_project=-1,
        max_load={"e1": 2, "e8": 1, "e2": -3},
    )

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f'{path}: $.affinity[0][1]: expected a number, got "high"',
        f"{path}: $.affinity[1][1]: expected a number, got true",
        f"{path}: $.affinity[1][2]: expected a number, got null",
        f"{path}: $.reviews_per_project: expected a non-negative integer, got -1",
        f"{path}: $.max_load.e8: unknown expert 'e8'",
        f"{path}: $.max_load.e2: expected a non-negative integer, got -3",
        f"{path}: $.conflicts[0]: unknown expert 'e9'",
        f"{path}: $.conflicts[1]: unknown project 'p7'",
        f'{path}: $.conflicts[2]: expected [project id, expert id], got ["p1"]',
        f"{path}: $.locked[0]: unknown project 'p4'",
    ]


def test_assign_reviewers_nan_and_infinity_are_refused(tmp_path, capsys):
    text = json.dumps(INSTANCE).replace("0.7", "NaN").replace("0.4", "-Infinity")

    status, out, err, path = run_with(tmp_path, capsys, text=text)

    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"{path}: $.affinity[1][1]: expected a finite number, got nan",
        f"{path}: $.affinity[2][2]: expected a finite number, got -inf",
    ]


def test_assign_reviewers_missing_keys_and_duplicate_ids_are_refused(tmp_path, capsys):
    document = {"projects": ["p1", "p1"], "experts": "e1", "reviews_per_project": 2.0}

    status, out, err, path = run_with(tmp_path, capsys, document)

    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"{path}: $.projects[1]: duplicate id 'p1'",
        f'{path}: $.experts: expected a list of ids, got "e1"',
        f"{path}: $.affinity: required matrix is missing",
        f"{path}: $.reviews_per_project: expected a non-negative integer, got 2.0",
        f"{path}: $.max_load: required load is missing",
    ]


def test_assign_reviewers_wrong_number_of_rows_is_refused(tmp_path, capsys):
    status, _, err, path = run_with(tmp_path, capsys, with_changes(affinity=[[0.1, 0.2, 0.3]]))

    assert status == 2
    assert err == f"{path}: $.affinity: expected 3 rows (one per project), got 1\n"


def test_assign_reviewers_document_not_an_object_is_refused(tmp_path, capsys):
    status, out, err, path = run_with(tmp_path, capsys, [1, 2])

    assert status == 2
    assert out == ""
    assert err == f"{path}: $: expected a JSON object, got [1, 2]\n"


def test_assign_reviewers_invalid_json_names_line(tmp_path, capsys):
    status, out, err, path = run_with(tmp_path, capsys, text='{"projects": [\n"p1",\n}')

    assert status == 2
    assert out == ""
    assert err.startswith(f"{path}:3: invalid JSON")


def test_assign_reviewers_missing_file_is_refused(tmp_path, capsys):
    missing = tmp_path / "absent.json"

    status = main(["assign-reviewers", "--instance", str(missing)])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err == f"{missing}: file not found\n"


def test_assign_reviewers_non_positive_time_limit_is_a_usage_error(tmp_path, capsys):
    path = write_instance(tmp_path, INSTANCE)

    with pytest.raises(SystemExit) as exit_info:
        main(["assign-reviewers", "--instance", str(path), "--time-limit", "0"])

    assert exit_info.value.code == 2
    assert capsys.readouterr().out == ""


def test_assign_reviewers_long_problem_lists_are_counted(tmp_path, capsys):
    document = with_changes(conflicts=[["p9", "e1"]] * 25)

    status, _, err, path = run_with(tmp_path, capsys, document)

    lines = err.splitlines()
    assert status == 2
    assert len(lines) == 21
    assert lines[0] == f"{path}: $.conflicts[0]: unknown project 'p9'"
    assert lines[-1] == f"{path}: $.conflicts[]: 5 more problems like these"


def test_assign_reviewers_subprocess_exit_codes_and_streams(tmp_path):
    good = write_instance(tmp_path, INSTANCE)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(with_changes(reviews_per_project=-2)), encoding="utf-8")

    success = subprocess.run(
        [
            sys.executable,
            "-m",
            "techbridge",
            "assign-reviewers",
            "--instance",
            str(good),
            "--time-limit",
            "30",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    failure = subprocess.run(
        [sys.executable, "-m", "techbridge", "assign-reviewers", "--instance", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert success.returncode == 0
    assert math.isclose(json.loads(success.stdout)["objective"], 1.9, abs_tol=1e-12)
    assert failure.returncode == 2
    assert failure.stdout == ""
    assert failure.stderr == (
        f"{bad}: $.reviews_per_project: expected a non-negative integer, got -2\n"
    )


def test_assign_reviewers_unusual_expert_key_is_quoted_in_path(tmp_path, capsys):
    status, _, err, path = run_with(tmp_path, capsys, with_changes(min_load={"王 教授": 1}))

    assert status == 2
    assert err == f"{path}: $.min_load[\"王 教授\"]: unknown expert '王 教授'\n"
