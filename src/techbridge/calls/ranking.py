"""Reads for the organisers' ranking: raw and calibrated scores side by side, with the
spread of each project's reviews and each reviewer's estimated bias."""

from __future__ import annotations

from dataclasses import dataclass, field

from techbridge.calls import engine
from techbridge.calls.enums import DECISION_STATUSES, ReviewStatus, SubmissionStatus
from techbridge.calls.models import Call, PendingDecision, PoolMember, Review, Submission

#: Applications that appear in the ranking.
RANKED = (SubmissionStatus.UNDER_REVIEW, SubmissionStatus.SCORED, *DECISION_STATUSES)


@dataclass(frozen=True)
class RankedProject:
    submission: Submission
    reviews: int
    raw_mean: float | None
    calibrated: float | None
    spread: float | None
    minimum: float | None
    maximum: float | None
    group: int | None
    rank: int | None
    decision: PendingDecision | None
    quota_fields: tuple[str, ...]

    @property
    def shift(self) -> float | None:
        """Calibrated minus raw: what the calibration changed."""
        if self.raw_mean is None or self.calibrated is None:
            return None
        return self.calibrated - self.raw_mean


@dataclass(frozen=True)
class ReviewerBias:
    member: PoolMember
    bias: float
    mean_given: float
    reviews: int


@dataclass(frozen=True)
class Ranking:
    projects: list[RankedProject]
    reviewers: list[ReviewerBias]
    notes: list[str] = field(default_factory=list)
    groups: int = 0


def quota_fields(field_codes: list[str], quota_codes: list[str]) -> tuple[str, ...]:
    """The quota fields a project counts against: those equal to or above its fields."""
    return tuple(
        quota
        for quota in quota_codes
        if any(code == quota or code.startswith(quota + ".") for code in field_codes)
    )


def current_totals(call: Call) -> list[tuple[int, int, float]]:
    """``(submission id, member id, total)`` of the reviews sent in each project's
    current round (earlier rounds of a resubmitted project do not count)."""
    return [
        (submission_id, member_id, total)
        for submission_id, member_id, total, review_round, current_round in Review.objects.filter(
            assignment__submission__call=call,
            assignment__submission__status__in=RANKED,
            status=ReviewStatus.SUBMITTED,
            total__isnull=False,
        )
        .order_by("assignment__submission__number", "assignment__member_id")
        .values_list(
            "assignment__submission_id",
            "assignment__member_id",
            "total",
            "review_round",
            "assignment__submission__review_round",
        )
        if review_round == current_round
    ]


def call_ranking(call: Call) -> Ranking:
    """Every project under review or decided, best calibrated score first; projects
    without a sent review come last."""
    submissions = list(
        call.submissions.filter(status__in=RANKED)
        .select_related("organisation", "applicant", "pending_decision")
        .order_by("number")
    )
    quota_codes = list(call.quotas.values_list("field__code", flat=True))
    calibration = engine.calibrate_totals(current_totals(call))
    scores = {engine.project_id(project.project): project for project in calibration.projects}
    ordered = sorted(
        submissions,
        key=lambda submission: (
            submission.pk not in scores,
            -(scores[submission.pk].calibrated if submission.pk in scores else 0.0),
            submission.number,
        ),
    )
    projects = []
    for position, submission in enumerate(ordered, start=1):
        score = scores.get(submission.pk)
        projects.append(
            RankedProject(
                submission=submission,
                reviews=score.count if score else 0,
                raw_mean=score.raw_mean if score else None,
                calibrated=score.calibrated if score else None,
                spread=score.std if score else None,
                minimum=score.minimum if score else None,
                maximum=score.maximum if score else None,
                group=score.group if score else None,
                rank=position if score else None,
                decision=getattr(submission, "pending_decision", None),
                quota_fields=quota_fields(submission.snapshot.get("fields", []), quota_codes),
            )
        )
    members = {
        member.pk: member for member in PoolMember.objects.filter(call=call).select_related("user")
    }
    reviewers = sorted(
        (
            ReviewerBias(
                member=members[engine.member_id(reviewer.reviewer)],
                bias=reviewer.bias,
                mean_given=reviewer.mean_given,
                reviews=reviewer.count,
            )
            for reviewer in calibration.reviewers
        ),
        key=lambda reviewer: -reviewer.bias,
    )
    return Ranking(projects, reviewers, list(calibration.notes), calibration.groups)
