"""Reviews: drafts saved as the expert types (autosave), submission with every criterion
scored or abstained with a reason, or abstention from the whole review."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import engine, rules
from techbridge.calls.enums import ReviewStatus, SubmissionStatus
from techbridge.calls.models import Criterion, Review, ReviewAssignment, Submission
from techbridge.calls.services.submissions import change_submission_status

ScoreEntry = dict[str, Any]


def criterion_scales(criteria: list[Criterion]) -> list[engine.CriterionScale]:
    return [
        engine.CriterionScale(
            criterion.key, float(criterion.weight), criterion.scale_minimum, criterion.scale_maximum
        )
        for criterion in criteria
    ]


def clean_scores(criteria: list[Criterion], scores: dict[str, Any]) -> dict[str, ScoreEntry]:
    """Keep known criteria only, as ``{"score": int | None, "comment": str, "abstain":
    bool}``; raises ``ValidationError`` (per criterion key) for a score off the scale."""
    cleaned: dict[str, ScoreEntry] = {}
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        entry = scores.get(criterion.key) or {}
        score = entry.get("score")
        if score in ("", None):
            score = None
        else:
            try:
                score = int(score)
            except (TypeError, ValueError):
                score = criterion.scale_minimum - 1
            if score not in criterion.scale:
                errors[criterion.key] = [
                    _("Choose a score from %(low)d to %(high)d.")
                    % {"low": criterion.scale_minimum, "high": criterion.scale_maximum}
                ]
        cleaned[criterion.key] = {
            "score": score,
            "comment": str(entry.get("comment") or "").strip()[:5000],
            "abstain": bool(entry.get("abstain")),
        }
    if errors:
        raise ValidationError(errors)
    return cleaned


def _fresh(assignment: ReviewAssignment) -> ReviewAssignment:
    """The assignment as stored now (a caller's copy may hold a stale project status)."""
    return ReviewAssignment.objects.select_related("submission__call", "member").get(
        pk=assignment.pk
    )


def _editable_review(assignment: ReviewAssignment, actor: User) -> Review:
    if not rules.can_review(actor, assignment):
        raise PermissionDenied
    review, _created = Review.objects.select_for_update().get_or_create(
        assignment=assignment,
        defaults={
            "review_round": assignment.submission.review_round,
            "phase": rules.current_phase(assignment.submission.call),
        },
    )
    if review.status != ReviewStatus.DRAFT:
        raise ValidationError(_("This review has already been sent."), code="finished")
    return review


@transaction.atomic
def save_review_draft(
    *,
    assignment: ReviewAssignment,
    actor: User,
    scores: dict[str, Any],
    feedback: str = "",
    private_note: str = "",
) -> Review:
    """Keep what the expert has typed so far (incomplete is fine; off-scale is not)."""
    assignment = _fresh(assignment)
    review = _editable_review(assignment, actor)
    criteria = list(assignment.submission.call.criteria.all())
    review.scores = clean_scores(criteria, scores)
    review.feedback = feedback.strip()[:10000]
    review.private_note = private_note.strip()[:10000]
    review.save()
    return review


@transaction.atomic
def submit_review(
    *,
    assignment: ReviewAssignment,
    actor: User,
    scores: dict[str, Any],
    feedback: str = "",
    private_note: str = "",
    request: HttpRequest | None = None,
) -> Review:
    """Send the review: every criterion scored with a comment, or abstained with the
    reason as its comment. Raises ``ValidationError`` per criterion key (and
    ``__all__``); nothing is sent then, but the draft keeps what was typed."""
    assignment = _fresh(assignment)
    review = save_review_draft(
        assignment=assignment,
        actor=actor,
        scores=scores,
        feedback=feedback,
        private_note=private_note,
    )
    criteria = list(assignment.submission.call.criteria.all())
    errors: dict[str, list[str]] = {}
    values: dict[str, float | None] = {}
    for criterion in criteria:
        entry = review.scores[criterion.key]
        if entry["abstain"]:
            values[criterion.key] = None
            if not entry["comment"]:
                errors[criterion.key] = [_("Say why you abstain on this criterion.")]
        elif entry["score"] is None:
            errors[criterion.key] = [_("Give a score, or abstain with a reason.")]
        else:
            values[criterion.key] = float(entry["score"])
            if not entry["comment"]:
                errors[criterion.key] = [_("Explain your score in a comment.")]
    if errors:
        raise ValidationError(errors)
    total = engine.review_total(criterion_scales(criteria), values)
    if total is None:
        raise ValidationError(
            _(
                "You abstained on criteria carrying half of the weight or more: score "
                "more of them, or abstain from the whole review."
            ),
            code="too_many_abstentions",
        )
    review.total = total
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.phase = rules.current_phase(assignment.submission.call)
    review.save()
    record_action(
        actor=actor,
        action=AuditAction.REVIEW_SUBMITTED,
        target=assignment.submission,
        details={"review": review.pk, "total": round(total, 2)},
        request=request,
    )
    update_scored(assignment.submission)
    return review


@transaction.atomic
def abstain_from_review(
    *,
    assignment: ReviewAssignment,
    actor: User,
    reason: str,
    request: HttpRequest | None = None,
) -> Review:
    """The expert declines the whole review, with a reason organisers read."""
    if not reason.strip():
        raise ValidationError({"abstain_reason": [_("Say why you abstain.")]})
    assignment = _fresh(assignment)
    review = _editable_review(assignment, actor)
    review.status = ReviewStatus.ABSTAINED
    review.abstain_reason = reason.strip()[:5000]
    review.total = None
    review.submitted_at = timezone.now()
    review.save()
    record_action(
        actor=actor,
        action=AuditAction.REVIEW_ABSTAINED,
        target=assignment.submission,
        details={"review": review.pk},
        request=request,
    )
    update_scored(assignment.submission)
    return review


def update_scored(submission: Submission) -> None:
    """A project under review becomes scored when every active reviewer has finished and
    at least one has scored it."""
    submission.refresh_from_db()
    if submission.status != SubmissionStatus.UNDER_REVIEW:
        return
    statuses = [
        getattr(getattr(assignment, "review", None), "status", None)
        for assignment in submission.assignments.filter(member__is_active=True).select_related(
            "review"
        )
    ]
    if (
        statuses
        and all(rules.review_is_finished(status or "") for status in statuses)
        and (ReviewStatus.SUBMITTED in statuses)
    ):
        change_submission_status(
            submission=submission, to_status=SubmissionStatus.SCORED, actor=None
        )
