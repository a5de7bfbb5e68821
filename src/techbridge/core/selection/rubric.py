"""A review's total from its per-criterion scores: a weighted rubric on a 0–100 scale.

Each criterion has a weight and its own scale (say 1–5 for "innovation", 0–10 for
"fit with the local industry"). A score is first placed on [0, 1] within its scale,
then the weighted mean over the answered criteria is multiplied by 100.

Abstentions: a reviewer may abstain on a criterion (``None``), for example outside
their expertise. The total is then the weighted mean over the criteria answered, so an
abstention neither rewards nor penalises the project. When the answered criteria carry
less than ``minimum_answered_weight`` of the total weight, the review has no total
(``None``): it says too little to be compared with the others.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion: a key, a positive weight and the scale its scores use."""

    key: str
    weight: float
    scale_min: float
    scale_max: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise ValueError(f"criterion {self.key!r}: weight must be a positive number")
        if not (math.isfinite(self.scale_min) and math.isfinite(self.scale_max)):
            raise ValueError(f"criterion {self.key!r}: scale bounds must be finite")
        if self.scale_max <= self.scale_min:
            raise ValueError(f"criterion {self.key!r}: scale_max must exceed scale_min")


@dataclass(frozen=True)
class RubricTotal:
    """A review's total on 0–100 (``None`` when too much was abstained).

    ``answered_weight`` is the share of the rubric's weight the reviewer answered (0–1);
    ``abstained`` lists the criteria abstained on, in rubric order.
    """

    total: float | None
    answered_weight: float
    abstained: tuple[str, ...]


def rubric_total(
    criteria: Sequence[Criterion],
    scores: Mapping[str, float | None],
    *,
    minimum_answered_weight: float = 0.5,
) -> RubricTotal:
    """The weighted total of one review, normalised to 0–100.

    ``scores`` maps every criterion key to a score within its scale, or to ``None`` for
    an abstention. Raises ``ValueError`` for an unknown or missing criterion, a score
    outside its scale or not finite, or duplicate criterion keys.
    """
    keys = [criterion.key for criterion in criteria]
    if len(set(keys)) != len(keys):
        raise ValueError("rubric: duplicate criterion keys")
    unknown = sorted(set(scores) - set(keys))
    if unknown:
        raise ValueError(f"rubric: unknown criteria {', '.join(unknown)}")
    missing = [key for key in keys if key not in scores]
    if missing:
        raise ValueError(f"rubric: no score and no abstention for {', '.join(missing)}")
    total_weight = math.fsum(criterion.weight for criterion in criteria)
    answered_weight = 0.0
    weighted = 0.0
    abstained: list[str] = []
    for criterion in criteria:
        score = scores[criterion.key]
        if score is None:
            abstained.append(criterion.key)
            continue
        if not math.isfinite(score) or not criterion.scale_min <= score <= criterion.scale_max:
            raise ValueError(
                f"rubric: {criterion.key} = {score} is outside "
                f"[{criterion.scale_min}, {criterion.scale_max}]"
            )
        position = (score - criterion.scale_min) / (criterion.scale_max - criterion.scale_min)
        weighted += criterion.weight * position
        answered_weight += criterion.weight
    share = answered_weight / total_weight if total_weight else 0.0
    if answered_weight == 0 or share < minimum_answered_weight:
        return RubricTotal(None, share, tuple(abstained))
    return RubricTotal(100.0 * weighted / answered_weight, share, tuple(abstained))
