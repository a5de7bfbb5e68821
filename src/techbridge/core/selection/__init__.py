"""Scoring reviews, calibrating reviewers and selecting the best projects.

* ``rubric``: a review's weighted total (0–100) from per-criterion scores, with
  abstentions;
* ``calibration``: correct lenient and strict reviewers (least-squares reviewer-bias
  model by default, or per-reviewer standardisation), see docs/calibration.md;
* ``selection``: the best N projects under "at most M per field" quotas, optimally,
  with an ordered reserve list and a reason for every project.
"""

from techbridge.core.selection.calibration import (
    Calibration,
    CalibrationModel,
    ProjectScore,
    Review,
    ReviewerBias,
    calibrate,
)
from techbridge.core.selection.rubric import Criterion, RubricTotal, rubric_total
from techbridge.core.selection.selection import (
    Candidate,
    Decision,
    SelectionResult,
    select_projects,
)

__all__ = [
    "Calibration",
    "CalibrationModel",
    "Candidate",
    "Criterion",
    "Decision",
    "ProjectScore",
    "Review",
    "ReviewerBias",
    "RubricTotal",
    "SelectionResult",
    "calibrate",
    "rubric_total",
    "select_projects",
]
