"""Weighted rubric totals on 0–100, with abstentions."""

import re

import pytest

from techbridge.core.selection import Criterion, rubric_total

RUBRIC = [
    Criterion("innovation", weight=3, scale_min=1, scale_max=5),
    Criterion("maturity", weight=1, scale_min=1, scale_max=9),
    Criterion("local_fit", weight=2, scale_min=0, scale_max=10),
]


def test_rubric_total_weights_normalised_criteria():
    # innovation 4 -> 0.75, maturity 5 -> 0.5, local fit 10 -> 1.0:
    # (3 * 0.75 + 1 * 0.5 + 2 * 1.0) / 6 * 100 = 4.75 / 6 * 100.
    result = rubric_total(RUBRIC, {"innovation": 4, "maturity": 5, "local_fit": 10})

    assert result.total == pytest.approx(475 / 6)
    assert result.answered_weight == 1.0
    assert result.abstained == ()


def test_rubric_total_extremes_are_zero_and_hundred():
    lowest = rubric_total(RUBRIC, {"innovation": 1, "maturity": 1, "local_fit": 0})
    highest = rubric_total(RUBRIC, {"innovation": 5, "maturity": 9, "local_fit": 10})

    assert lowest.total == 0.0
    assert highest.total == 100.0


def test_rubric_total_abstention_reweights_over_answered_criteria():
    # Maturity abstained: (3 * 0.75 + 2 * 1.0) / 5 * 100 = 85.
    result = rubric_total(RUBRIC, {"innovation": 4, "maturity": None, "local_fit": 10})

    assert result.total == pytest.approx(85.0)
    assert result.answered_weight == pytest.approx(5 / 6)
    assert result.abstained == ("maturity",)


def test_rubric_total_too_many_abstentions_gives_no_total():
    # Only maturity answered: 1/6 of the weight, below the default half.
    result = rubric_total(RUBRIC, {"innovation": None, "maturity": 9, "local_fit": None})

    assert result.total is None
    assert result.answered_weight == pytest.approx(1 / 6)
    assert result.abstained == ("innovation", "local_fit")


def test_rubric_total_minimum_answered_weight_is_adjustable():
    result = rubric_total(
        RUBRIC,
        {"innovation": None, "maturity": 9, "local_fit": None},
        minimum_answered_weight=0.1,
    )

    assert result.total == 100.0


def test_rubric_total_all_abstained_gives_no_total():
    result = rubric_total(
        RUBRIC,
        {"innovation": None, "maturity": None, "local_fit": None},
        minimum_answered_weight=0.0,
    )

    assert result.total is None
    assert result.answered_weight == 0.0


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"innovation": 6, "maturity": 5, "local_fit": 1}, "innovation = 6 is outside [1, 5]"),
        ({"innovation": 3, "maturity": 5}, "no score and no abstention for local_fit"),
        (
            {"innovation": 3, "maturity": 5, "local_fit": 1, "team": 2},
            "unknown criteria team",
        ),
        ({"innovation": float("nan"), "maturity": 5, "local_fit": 1}, "innovation = nan"),
    ],
)
def test_rubric_total_bad_scores_are_refused(scores, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        rubric_total(RUBRIC, scores)


def test_criterion_invalid_scale_or_weight_is_refused():
    with pytest.raises(ValueError, match="scale_max must exceed scale_min"):
        Criterion("team", weight=1, scale_min=5, scale_max=5)
    with pytest.raises(ValueError, match="weight must be a positive number"):
        Criterion("team", weight=0, scale_min=0, scale_max=5)
