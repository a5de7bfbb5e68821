"""Reviewer calibration: the least-squares bias model and per-reviewer standardisation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.selection import Review, calibrate

# The worked example of docs/calibration.md: L is lenient, S strict, M in between.
WORKED_EXAMPLE = [
    Review("A", "L", 85),
    Review("A", "S", 65),
    Review("B", "L", 75),
    Review("B", "M", 70),
    Review("C", "S", 60),
    Review("C", "M", 70),
]


def by_project(calibration):
    return {score.project: score for score in calibration.projects}


def by_reviewer(calibration):
    return {bias.reviewer: bias for bias in calibration.reviewers}


def test_calibrate_worked_example_matches_documented_figures():
    calibration = calibrate(WORKED_EXAMPLE)

    projects, reviewers = by_project(calibration), by_reviewer(calibration)
    assert calibration.model == "least_squares"
    assert {name: round(score.calibrated, 9) for name, score in projects.items()} == {
        "A": 75.5,
        "B": 69.5,
        "C": 67.5,
    }
    assert {name: round(bias.bias, 9) for name, bias in reviewers.items()} == {
        "L": 5.0,
        "S": -6.0,
        "M": 1.0,
    }
    assert projects["A"].raw_mean == 75.0
    assert projects["A"].std == pytest.approx(np.std([85, 65], ddof=1))
    assert (projects["A"].minimum, projects["A"].maximum, projects["A"].count) == (65, 85, 2)
    assert calibration.groups == 1
    assert calibration.notes == []


def test_calibrate_noise_free_scores_recover_qualities_and_biases_without_ridge():
    quality = {"p1": 80.0, "p2": 60.0, "p3": 70.0, "p4": 50.0}
    bias = {"r1": 6.0, "r2": -4.0, "r3": -2.0}
    pairs = [
        ("p1", "r1"),
        ("p1", "r2"),
        ("p2", "r2"),
        ("p2", "r3"),
        ("p3", "r3"),
        ("p3", "r1"),
        ("p4", "r1"),
    ]
    reviews = [Review(p, r, quality[p] + bias[r]) for p, r in pairs]

    calibration = calibrate(reviews, ridge=0.0)

    assert {s.project: round(s.calibrated, 6) for s in calibration.projects} == quality
    assert {b.reviewer: round(b.bias, 6) for b in calibration.reviewers} == bias


def test_calibrate_single_review_project_is_corrected_by_reviewer_bias():
    calibration = calibrate([*WORKED_EXAMPLE, Review("D", "L", 90)])

    projects, reviewers = by_project(calibration), by_reviewer(calibration)
    assert projects["D"].calibrated == pytest.approx(90 - reviewers["L"].bias)
    assert projects["D"].std == 0.0
    assert calibration.notes == [
        "1 project has a single review: the calibrated score is that review corrected "
        "by its reviewer's bias, and the spread is 0"
    ]


def test_calibrate_reviewer_alone_on_a_project_gets_no_bias():
    # X reviewed only E, which nobody else reviewed: no evidence either way.
    calibration = calibrate([*WORKED_EXAMPLE, Review("E", "X", 95)])

    assert by_reviewer(calibration)["X"].bias == pytest.approx(0.0, abs=1e-9)
    assert by_project(calibration)["E"].calibrated == pytest.approx(95.0)


def test_calibrate_disconnected_groups_are_calibrated_separately_and_noted():
    second_group = [Review("Q", "T", 50), Review("Q", "U", 40), Review("R", "T", 70)]

    calibration = calibrate([*WORKED_EXAMPLE, *second_group])

    projects, reviewers = by_project(calibration), by_reviewer(calibration)
    assert calibration.groups == 2
    assert {name: score.group for name, score in projects.items()} == {
        "A": 0,
        "B": 0,
        "C": 0,
        "Q": 1,
        "R": 1,
    }
    # Each group's biases sum to zero, so adding a group changes nothing in the other.
    assert reviewers["T"].bias + reviewers["U"].bias == pytest.approx(0.0, abs=1e-9)
    assert projects["A"].calibrated == pytest.approx(75.5)
    assert calibration.notes[0].startswith("the reviews form 2 groups that share no reviewer")


@st.composite
def review_sets(draw):
    projects = [f"p{index}" for index in range(draw(st.integers(1, 6)))]
    reviewers = [f"r{index}" for index in range(draw(st.integers(1, 5)))]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(projects), st.sampled_from(reviewers)),
            min_size=1,
            max_size=20,
            unique=True,
        )
    )
    scores = draw(st.lists(st.integers(0, 100), min_size=len(pairs), max_size=len(pairs)))
    return [Review(p, r, float(s)) for (p, r), s in zip(pairs, scores, strict=True)]


def _dense_reference(reviews, ridge):
    """Qualities and biases from numpy's dense least squares on the same objective."""
    projects = list(dict.fromkeys(review.project for review in reviews))
    reviewers = list(dict.fromkeys(review.reviewer for review in reviews))
    rows = []
    for review in reviews:
        row = np.zeros(len(projects) + len(reviewers))
        row[projects.index(review.project)] = 1
        row[len(projects) + reviewers.index(review.reviewer)] = 1
        rows.append(row)
    penalty = np.hstack(
        [np.zeros((len(reviewers), len(projects))), np.sqrt(ridge) * np.eye(len(reviewers))]
    )
    system = np.vstack([np.array(rows), penalty])
    target = np.concatenate([[review.score for review in reviews], np.zeros(len(reviewers))])
    solution = np.linalg.lstsq(system, target, rcond=None)[0]
    return solution[: len(projects)], solution[len(projects) :]


@settings(max_examples=60, deadline=None)
@given(review_sets(), st.sampled_from([0.5, 1.0, 3.0]))
def test_calibrate_least_squares_matches_dense_solution(reviews, ridge):
    calibration = calibrate(reviews, ridge=ridge)

    qualities, biases = _dense_reference(reviews, ridge)
    assert [s.calibrated for s in calibration.projects] == pytest.approx(qualities, abs=1e-6)
    assert [b.bias for b in calibration.reviewers] == pytest.approx(biases, abs=1e-6)
    for group in range(calibration.groups):
        total = sum(b.bias for b in calibration.reviewers if b.group == group)
        assert total == pytest.approx(0.0, abs=1e-6)
    # The calibrated score is the mean of the project's reviews minus their reviewers' biases.
    bias = {b.reviewer: b.bias for b in calibration.reviewers}
    for score in calibration.projects:
        corrected = [r.score - bias[r.reviewer] for r in reviews if r.project == score.project]
        assert score.calibrated == pytest.approx(np.mean(corrected), abs=1e-6)


def test_calibrate_standardisation_removes_a_constant_offset():
    # r2 scores everything 10 points above r1 with the same spread.
    reviews = [Review(p, "r1", s) for p, s in [("a", 50), ("b", 60), ("c", 80)]]
    reviews += [Review(p, "r2", s + 10) for p, s in [("a", 50), ("b", 60), ("c", 80)]]

    calibration = calibrate(reviews, model="standardisation", ridge=0.0)

    reviewers = by_reviewer(calibration)
    assert reviewers["r2"].bias - reviewers["r1"].bias == pytest.approx(10.0)
    assert reviewers["r1"].scale == pytest.approx(reviewers["r2"].scale)
    projects = by_project(calibration)
    # Both reviewers agree after standardisation; the scale is everyone's.
    assert [round(projects[p].calibrated, 6) for p in "abc"] == [
        round(value, 6)
        for value in np.mean([50, 60, 80, 60, 70, 90])
        + np.std([50, 60, 80, 60, 70, 90])
        * (np.array([50, 60, 80]) - np.mean([50, 60, 80]))
        / np.std([50, 60, 80])
    ]


def test_calibrate_standardisation_shrinks_single_review_reviewer():
    calibration = calibrate([*WORKED_EXAMPLE, Review("D", "Z", 90)], model="standardisation")

    reviewer = by_reviewer(calibration)["Z"]
    overall = np.mean([85, 65, 75, 70, 60, 70, 90])
    # One real review and one pseudo-review at the overall mean.
    assert reviewer.bias == pytest.approx((90 + overall) / 2 - overall)
    assert reviewer.count == 1


def test_calibrate_empty_input_gives_empty_result():
    calibration = calibrate([])

    assert calibration.projects == [] and calibration.reviewers == []


@pytest.mark.parametrize(
    ("reviews", "options", "message"),
    [
        ([Review("a", "r", 1), Review("a", "r", 2)], {}, "reviewer r reviewed a twice"),
        ([Review("a", "r", float("nan"))], {}, "score of a by r is not finite"),
        ([Review("a", "r", 1)], {"ridge": -1.0}, "ridge must be a non-negative number"),
        ([Review("a", "r", 1)], {"model": "median"}, "unknown calibration model"),
    ],
)
def test_calibrate_bad_input_is_refused(reviews, options, message):
    with pytest.raises(ValueError, match=message):
        calibrate(reviews, **options)
