"""Who may do what with calls, applications and reviews: small named predicates.

Pages and services check the same names. Every check is scoped to one call: an expert
in one call's pool sees nothing of another call.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.accounts.rules import acting_memberships, has_role, is_organiser
from techbridge.calls.enums import ReviewStatus, SubmissionStatus
from techbridge.calls.models import Call, PoolMember, ReviewAssignment, ReviewPhase, Submission

S = SubmissionStatus
#: Where an application may still be withdrawn (any time before the decision).
WITHDRAWABLE = (
    S.DRAFT,
    S.SUBMITTED,
    S.ELIGIBLE,
    S.INELIGIBLE,
    S.UNDER_REVIEW,
    S.SCORED,
    S.REVISE,
)


def _is_signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_call_organiser(user: Any, call: Call | None = None) -> bool:
    """Platform organisers run every call (the organiser role of a verified organisation)."""
    return is_organiser(user)


def can_view_call(user: Any, call: Call) -> bool:
    return call.is_published or is_call_organiser(user, call)


def can_apply(user: Any, call: Call) -> bool:
    """Technology holders of a verified organisation, while the call is open."""
    return _is_signed_in(user) and call.is_open() and has_role(user, Role.TECHNOLOGY_HOLDER)


def is_applicant(user: Any, submission: Submission) -> bool:
    return _is_signed_in(user) and submission.applicant_id == user.pk


def can_edit_submission(user: Any, submission: Submission) -> bool:
    """The applicant, while the application is a draft or sent back for revision."""
    return is_applicant(user, submission) and submission.status in (S.DRAFT, S.REVISE)


def can_withdraw(user: Any, submission: Submission) -> bool:
    return is_applicant(user, submission) and submission.status in WITHDRAWABLE


def current_phase(call: Call, now=None) -> ReviewPhase | None:
    """The phase whose dates contain ``now`` (the latest started if phases overlap)."""
    now = now or timezone.now()
    phases = [phase for phase in call.phases.all() if phase.is_current(now)]
    return phases[-1] if phases else None


def pool_member(user: Any, call: Call) -> PoolMember | None:
    """The user's active seat in the call's pool, while they still act as an expert."""
    if not _is_signed_in(user) or not acting_memberships(user).filter(role=Role.EXPERT).exists():
        return None
    return PoolMember.objects.filter(call=call, user=user, is_active=True).first()


def is_pool_expert(user: Any, call: Call) -> bool:
    return pool_member(user, call) is not None


def can_bid(user: Any, call: Call) -> bool:
    phase = current_phase(call)
    return is_pool_expert(user, call) and (phase is None or phase.reviewers_may_bid)


def is_assigned_expert(user: Any, assignment: ReviewAssignment) -> bool:
    return (
        _is_signed_in(user)
        and assignment.member.user_id == user.pk
        and assignment.member.is_active
        and is_pool_expert(user, assignment.submission.call)
    )


def can_review(user: Any, assignment: ReviewAssignment) -> bool:
    """The assigned expert, while the project is under review and a phase allows scoring."""
    if not is_assigned_expert(user, assignment):
        return False
    if assignment.submission.status != S.UNDER_REVIEW:
        return False
    phase = current_phase(assignment.submission.call)
    return phase is not None and phase.reviewers_may_review


def is_blind(call: Call) -> bool:
    """Reviewers never see who applied unless the current phase is explicitly open."""
    phase = current_phase(call)
    return phase is None or phase.is_blind


def can_see_feedback(user: Any, submission: Submission) -> bool:
    """The applicant sees anonymised feedback only in a phase that shows it."""
    if not is_applicant(user, submission):
        return False
    phase = current_phase(submission.call)
    return phase is not None and phase.applicants_see_feedback


def can_download_attachment(user: Any, submission: Submission) -> bool:
    """Documents may name the applicant, so reviewers of a blind phase do not get them."""
    if is_applicant(user, submission) or is_call_organiser(user, submission.call):
        return True
    if is_blind(submission.call):
        return False
    return ReviewAssignment.objects.filter(
        submission=submission, member__user_id=getattr(user, "pk", None), member__is_active=True
    ).exists()


def review_is_finished(status: str) -> bool:
    return status in (ReviewStatus.SUBMITTED, ReviewStatus.ABSTAINED)
