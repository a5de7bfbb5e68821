"""How well each expert of the pool fits each project: the affinity the solver maximises.

    affinity[p, e] = 1.0 · similarity[p, e] + 0.5 · field_overlap[p, e] + bid_bonus[p, e]

* ``similarity``: the matching engine's cross-lingual similarity of the project (its
  technology offer) and the expert's profile, in [0, 1]
  (``techbridge.matchmaking.selectors.similarity_matrix``);
* ``field_overlap`` in [0, 1]: for each technology field of the project, the best match
  among the expert's fields (1 for the same field or one of its ancestors, 0.5 for
  another subfield of the same top-level field, 0 otherwise), averaged over the
  project's fields;
* ``bid_bonus``: eager +0.5, willing +0.2, no bid 0, not willing −1.0. A "not willing"
  bid is a strong wish, not a prohibition: when nobody else can review a project the
  solver may still choose that expert rather than leave the project short.

docs/calls.md explains the weights.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from techbridge.calls.engine import run_note
from techbridge.calls.enums import Bid
from techbridge.calls.models import PoolMember, ProjectBid, Submission

logger = logging.getLogger(__name__)

SIMILARITY_WEIGHT = 1.0
FIELD_WEIGHT = 0.5
BID_BONUS = {Bid.EAGER: 0.5, Bid.WILLING: 0.2, Bid.NOT_WILLING: -1.0}
SAME_DOMAIN_MATCH = 0.5


@dataclass(frozen=True)
class AffinityMatrix:
    """Affinity and its parts (rows: submissions, columns: pool members)."""

    total: npt.NDArray[np.float64]
    similarity: npt.NDArray[np.float64]
    field_overlap: npt.NDArray[np.float64]
    bid_bonus: npt.NDArray[np.float64]
    #: explanations for the run, as ``engine.stored_explanation`` stores them
    notes: list[dict[str, Any]]


def field_match(project_field: str, expert_field: str) -> float:
    """1 for the same field or an ancestor of it, 0.5 for the same top-level field."""
    if project_field == expert_field or project_field.startswith(expert_field + "."):
        return 1.0
    if project_field.split(".")[0] == expert_field.split(".")[0]:
        return SAME_DOMAIN_MATCH
    return 0.0


def field_overlap(project_fields: Sequence[str], expert_fields: Sequence[str]) -> float:
    """Mean over the project's fields of the best match among the expert's fields."""
    if not project_fields or not expert_fields:
        return 0.0
    return sum(
        max(field_match(field, other) for other in expert_fields) for field in project_fields
    ) / len(project_fields)


def _similarity(
    submissions: Sequence[Submission], members: Sequence[PoolMember], notes: list[dict[str, Any]]
) -> npt.NDArray[np.float64]:
    # Imported here: loading the matching engine pulls in the embedding model, which
    # only assignment runs need.
    from techbridge.matchmaking.selectors import similarity_matrix

    try:
        return similarity_matrix(
            [submission.offer for submission in submissions],
            [member.profile for member in members],
        )
    except Exception:  # the model may be missing or broken on a server: assign anyway
        logger.exception("matching similarity unavailable for reviewer assignment")
        notes.append(
            run_note(
                "similarity_unavailable",
                "matching similarity unavailable: affinity uses technology fields and bids only",
            )
        )
        return np.zeros((len(submissions), len(members)))


def affinity_matrix(
    submissions: Sequence[Submission], members: Sequence[PoolMember]
) -> AffinityMatrix:
    """The affinity of every (submission, member) pair, with its three parts."""
    notes: list[dict[str, Any]] = []
    shape = (len(submissions), len(members))
    if not submissions or not members:
        empty = np.zeros(shape)
        return AffinityMatrix(empty, empty, empty, empty, notes)
    similarity = _similarity(submissions, members, notes)
    expert_fields = [[field.code for field in member.profile.fields.all()] for member in members]
    overlap = np.array(
        [
            [
                field_overlap(submission.snapshot.get("fields", []), fields)
                for fields in expert_fields
            ]
            for submission in submissions
        ],
        dtype=np.float64,
    ).reshape(shape)
    row = {submission.pk: index for index, submission in enumerate(submissions)}
    column = {member.pk: index for index, member in enumerate(members)}
    bonus = np.zeros(shape)
    for submission_id, member_id, bid in ProjectBid.objects.filter(
        submission_id__in=row, member_id__in=column
    ).values_list("submission_id", "member_id", "bid"):
        bonus[row[submission_id], column[member_id]] = BID_BONUS.get(Bid(bid), 0.0)
    total = SIMILARITY_WEIGHT * similarity + FIELD_WEIGHT * overlap + bonus
    return AffinityMatrix(total, similarity, overlap, bonus, notes)
