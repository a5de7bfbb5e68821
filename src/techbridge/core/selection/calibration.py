"""Reviewer calibration: correct lenient and strict reviewers (docs/calibration.md).

Input: reviews ``(project, reviewer, score)``, where the score is already the rubric's
weighted total (``rubric.rubric_total``, 0–100). Output: per project the raw mean, the
calibrated score and the spread of its reviews; per reviewer its estimated bias.

Two models:

* ``"least_squares"`` (default): ``score = quality[project] + bias[reviewer] + noise``.
  Qualities and biases minimise the squared residuals plus ``ridge * sum(bias**2)``,
  with the biases of every connected group of reviewers summing to zero; a sparse
  least-squares problem solved with ``scipy.sparse.linalg.lsqr``. The calibrated score
  of a project is its quality: the mean of its reviews, each corrected by its
  reviewer's bias. A reviewer seen only on projects nobody else reviewed has no
  evidence of bias and gets none.
* ``"standardisation"``: each review becomes a z-score within its reviewer's own
  scores, mapped back to the scale with the mean and spread of all reviews; the
  reviewer mean and spread are shrunk towards the overall ones by ``ridge``
  pseudo-reviews, so a reviewer with one review is barely changed.

Disconnected review graphs (groups of projects and reviewers sharing no review): the
least-squares model cannot tell "this group's projects are better" from "this group's
reviewers are more lenient", so it assumes each group's reviewers are neutral on
average (biases sum to zero per group), which leaves each group's average where it is;
``notes`` says so and every project carries its group number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import lsqr

CalibrationModel = Literal["least_squares", "standardisation"]
FloatVector = npt.NDArray[np.float64]
IndexVector = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Review:
    """One review's total score (already rubric-weighted) of a project by a reviewer."""

    project: str
    reviewer: str
    score: float


@dataclass(frozen=True)
class ProjectScore:
    """Raw and calibrated score of a project, with the spread of its raw reviews.

    ``std`` is the sample standard deviation (0 for a single review); ``group`` numbers
    the connected group of the review graph the project belongs to.
    """

    project: str
    raw_mean: float
    calibrated: float
    std: float
    minimum: float
    maximum: float
    count: int
    group: int


@dataclass(frozen=True)
class ReviewerBias:
    """How a reviewer scores compared with the others.

    ``bias`` is in score points: positive means lenient (scores higher than the other
    reviewers of the same projects), negative strict. ``scale`` is the reviewer's spread
    relative to everyone's (standardisation model; 1.0 in the least-squares model).
    """

    reviewer: str
    bias: float
    scale: float
    mean_given: float
    count: int
    group: int


@dataclass(frozen=True)
class Calibration:
    """Result of ``calibrate``: projects and reviewers in order of first appearance."""

    model: CalibrationModel
    projects: list[ProjectScore]
    reviewers: list[ReviewerBias]
    groups: int
    notes: list[str]


@dataclass(frozen=True)
class _Indexed:
    projects: list[str]
    reviewers: list[str]
    project_of: IndexVector
    reviewer_of: IndexVector
    scores: FloatVector
    project_group: IndexVector
    reviewer_group: IndexVector
    groups: int


def _index(reviews: Sequence[Review]) -> _Indexed:
    project_index: dict[str, int] = {}
    reviewer_index: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for review in reviews:
        if (review.project, review.reviewer) in seen:
            raise ValueError(f"reviewer {review.reviewer} reviewed {review.project} twice")
        seen.add((review.project, review.reviewer))
        if not math.isfinite(review.score):
            raise ValueError(
                f"score of {review.project} by {review.reviewer} is not finite: {review.score}"
            )
        project_index.setdefault(review.project, len(project_index))
        reviewer_index.setdefault(review.reviewer, len(reviewer_index))
    project_of = np.array([project_index[review.project] for review in reviews], dtype=np.intp)
    reviewer_of = np.array([reviewer_index[review.reviewer] for review in reviews], dtype=np.intp)
    project_count = len(project_index)
    # Projects and reviewers as one graph: nodes 0..P-1 projects, P.. reviewers.
    graph = sparse.coo_matrix(
        (np.ones(len(reviews)), (project_of, project_count + reviewer_of)),
        shape=(project_count + len(reviewer_index),) * 2,
    )
    groups, labels = connected_components(graph, directed=False)
    return _Indexed(
        projects=list(project_index),
        reviewers=list(reviewer_index),
        project_of=project_of,
        reviewer_of=reviewer_of,
        scores=np.array([review.score for review in reviews], dtype=np.float64),
        project_group=labels[:project_count],
        reviewer_group=labels[project_count:],
        groups=int(groups),
    )


def _least_squares(data: _Indexed, ridge: float) -> tuple[FloatVector, FloatVector]:
    """Qualities and biases minimising ``|s - q - b|^2 + ridge |b|^2``, biases summing
    to zero within each group."""
    review_count = len(data.scores)
    project_count, reviewer_count = len(data.projects), len(data.reviewers)
    rows = np.arange(review_count)
    fit = sparse.csr_matrix(
        (
            np.ones(2 * review_count),
            (
                np.concatenate([rows, rows]),
                np.concatenate([data.project_of, project_count + data.reviewer_of]),
            ),
        ),
        shape=(review_count, project_count + reviewer_count),
    )
    penalty = sparse.hstack(
        [
            sparse.csr_matrix((reviewer_count, project_count)),
            math.sqrt(ridge) * sparse.identity(reviewer_count),
        ]
    )
    # One row per group: sum of its reviewers' biases = 0. Without a ridge this fixes
    # the offset a group's qualities and biases could otherwise trade; with a ridge it
    # holds at the optimum anyway, so the row only makes it explicit.
    weight = math.sqrt(review_count + 1.0)
    group_sum = sparse.csr_matrix(
        (
            np.full(reviewer_count, weight),
            (data.reviewer_group, project_count + np.arange(reviewer_count)),
        ),
        shape=(data.groups, project_count + reviewer_count),
    )
    system = sparse.vstack([fit, penalty, group_sum]).tocsr()
    target = np.concatenate([data.scores, np.zeros(reviewer_count + data.groups)])
    solution = lsqr(system, target, atol=1e-14, btol=1e-14, iter_lim=50 * system.shape[1])[0]
    return solution[:project_count], solution[project_count:]


def _standardisation(data: _Indexed, ridge: float) -> tuple[FloatVector, FloatVector, FloatVector]:
    """Per-review calibrated scores, reviewer means and reviewer spreads (shrunk)."""
    overall_mean = float(data.scores.mean())
    overall_std = float(data.scores.std())
    reviewer_count = len(data.reviewers)
    counts = np.bincount(data.reviewer_of, minlength=reviewer_count).astype(np.float64)
    sums = np.bincount(data.reviewer_of, weights=data.scores, minlength=reviewer_count)
    means = sums / counts
    squares = np.bincount(
        data.reviewer_of,
        weights=(data.scores - means[data.reviewer_of]) ** 2,
        minlength=reviewer_count,
    )
    # Shrink towards the overall mean and spread, as if each reviewer had also given
    # ``ridge`` reviews with the overall mean and spread.
    shrunk_means = (sums + ridge * overall_mean) / (counts + ridge)
    shrunk_variance = (squares + ridge * overall_std**2) / (counts + ridge)
    shrunk_std = np.sqrt(shrunk_variance)
    if overall_std == 0:
        return data.scores.copy(), shrunk_means, np.ones(reviewer_count)
    safe_std = np.where(shrunk_std > 0, shrunk_std, overall_std)
    z = (data.scores - shrunk_means[data.reviewer_of]) / safe_std[data.reviewer_of]
    return overall_mean + overall_std * z, shrunk_means, safe_std / overall_std


def calibrate(
    reviews: Sequence[Review],
    *,
    model: CalibrationModel = "least_squares",
    ridge: float = 1.0,
) -> Calibration:
    """Calibrated project scores and reviewer biases (see the module docstring).

    ``ridge`` (>= 0, in pseudo-reviews) shrinks the biases of reviewers with few
    reviews towards zero. Raises ``ValueError`` for a repeated (project, reviewer)
    pair, a score that is not finite, a negative ridge or an unknown model.
    """
    if not (math.isfinite(ridge) and ridge >= 0):
        raise ValueError("ridge must be a non-negative number")
    if model not in ("least_squares", "standardisation"):
        raise ValueError(f"unknown calibration model {model!r}")
    if not reviews:
        return Calibration(model, [], [], 0, [])
    data = _index(reviews)
    project_count, reviewer_count = len(data.projects), len(data.reviewers)
    counts = np.bincount(data.project_of, minlength=project_count)
    raw_means = np.bincount(data.project_of, weights=data.scores, minlength=project_count) / counts
    given_counts = np.bincount(data.reviewer_of, minlength=reviewer_count)
    given_means = (
        np.bincount(data.reviewer_of, weights=data.scores, minlength=reviewer_count) / given_counts
    )
    if model == "least_squares":
        calibrated, biases = _least_squares(data, ridge)
        scales = np.ones(reviewer_count)
    else:
        review_scores, reviewer_means, scales = _standardisation(data, ridge)
        calibrated = (
            np.bincount(data.project_of, weights=review_scores, minlength=project_count) / counts
        )
        biases = reviewer_means - float(data.scores.mean())
    projects = []
    for index, project in enumerate(data.projects):
        own = data.scores[data.project_of == index]
        projects.append(
            ProjectScore(
                project=project,
                raw_mean=float(raw_means[index]),
                calibrated=float(calibrated[index]),
                std=float(own.std(ddof=1)) if len(own) > 1 else 0.0,
                minimum=float(own.min()),
                maximum=float(own.max()),
                count=len(own),
                group=int(data.project_group[index]),
            )
        )
    reviewers = [
        ReviewerBias(
            reviewer=reviewer,
            bias=float(biases[index]),
            scale=float(scales[index]),
            mean_given=float(given_means[index]),
            count=int(given_counts[index]),
            group=int(data.reviewer_group[index]),
        )
        for index, reviewer in enumerate(data.reviewers)
    ]
    return Calibration(model, projects, reviewers, data.groups, _notes(data, model))


def _notes(data: _Indexed, model: CalibrationModel) -> list[str]:
    notes = []
    if model == "least_squares" and data.groups > 1:
        notes.append(
            f"the reviews form {data.groups} groups that share no reviewer; biases are "
            "estimated within each group, assuming each group's reviewers are neutral on "
            "average, so scores of different groups compare as raw scores do"
        )
    singles = int((np.bincount(data.project_of) == 1).sum())
    if singles:
        subject = "1 project has" if singles == 1 else f"{singles} projects have"
        notes.append(
            f"{subject} a single review: the calibrated score is that review corrected "
            "by its reviewer's bias, and the spread is 0"
        )
    return notes
