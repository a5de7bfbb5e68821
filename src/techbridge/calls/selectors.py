"""Reads of the calls domain, each scoped to one call or one person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.accounts.models import User
from techbridge.calls.enums import OutboxStatus, ReviewStatus, RunStatus, SubmissionStatus
from techbridge.calls.models import (
    AssignmentRun,
    Call,
    Criterion,
    OutboxMessage,
    PoolMember,
    ProjectBid,
    Review,
    ReviewAssignment,
    Submission,
)
from techbridge.calls.services.experts import REVIEWABLE
from techbridge.catalogue.enums import CooperationForm, IntellectualPropertyStatus, ItemStatus
from techbridge.catalogue.models import ExpertProfile, TechnologyField, TechnologyOffer


def published_calls() -> QuerySet[Call]:
    return Call.objects.filter(is_published=True).select_related("event").order_by("-closes_at")


def all_calls() -> QuerySet[Call]:
    """Every call, for organisers, with counts of applications."""
    return (
        Call.objects.select_related("event")
        .annotate(
            applications=Count("submissions", filter=~Q(submissions__status=SubmissionStatus.DRAFT))
        )
        .order_by("-closes_at")
    )


def call_for_page(pk: int) -> Call:
    return (
        Call.objects.select_related("event")
        .prefetch_related(
            "criteria", "questions", "required_attachments", "phases", "quotas__field"
        )
        .get(pk=pk)
    )


def applications_of(user: User) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(applicant=user)
        .select_related("call", "offer")
        .order_by("-created_at")
    )


def offers_to_enter(user: User, call: Call) -> QuerySet[TechnologyOffer]:
    """The user's own offers not archived and not yet entered into the call."""
    return (
        TechnologyOffer.objects.filter(owner=user)
        .exclude(status=ItemStatus.ARCHIVED)
        .exclude(submissions__call=call)
        .order_by("-updated_at")
    )


def submissions_of_call(call: Call) -> QuerySet[Submission]:
    """Sent applications of a call (drafts stay private) with what the list shows."""
    return (
        call.submissions.exclude(status=SubmissionStatus.DRAFT)
        .select_related("organisation", "applicant", "eligibility_confirmed_by")
        .annotate(assigned=Count("assignments", distinct=True))
        .order_by("number")
    )


def reviewable_submissions(call: Call) -> QuerySet[Submission]:
    return call.submissions.filter(status__in=REVIEWABLE).order_by("number")


def pool_of(call: Call) -> QuerySet[PoolMember]:
    return (
        call.pool.filter(is_active=True)
        .select_related("user", "profile", "profile__organisation")
        .prefetch_related("profile__fields")
        .annotate(assigned=Count("assignments", distinct=True))
        .order_by("user__full_name")
    )


def pool_candidates(call: Call) -> QuerySet[ExpertProfile]:
    """Expert profiles whose owners act as experts and are not in the pool yet."""
    return (
        ExpertProfile.objects.filter(
            owner__memberships__role=Role.EXPERT,
            owner__memberships__status=MembershipStatus.ACTIVE,
            owner__memberships__organisation__is_verified=True,
            owner__is_active=True,
        )
        .exclude(status=ItemStatus.ARCHIVED)
        .exclude(owner__expert_pools__call=call, owner__expert_pools__is_active=True)
        .select_related("owner", "organisation")
        .distinct()
        .order_by("owner__full_name")
    )


def assignments_of_call(call: Call) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(submission__call=call)
        .select_related("submission", "member__user", "review")
        .order_by("submission__number", "member__user__full_name")
    )


def assignments_of_expert(user: User, call: Call) -> QuerySet[ReviewAssignment]:
    """The expert's own assignments in one call, never anybody else's."""
    return (
        ReviewAssignment.objects.filter(
            member__call=call, member__user=user, member__is_active=True
        )
        .select_related("submission", "review")
        .order_by("submission__number")
    )


def bids_of(member: PoolMember) -> dict[int, str]:
    return dict(ProjectBid.objects.filter(member=member).values_list("submission_id", "bid"))


def latest_run(call: Call) -> AssignmentRun | None:
    return call.assignment_runs.select_related("started_by").first()


def active_run(call: Call) -> AssignmentRun | None:
    return call.assignment_runs.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING)).first()


@dataclass(frozen=True)
class AnonymousFeedback:
    """One reviewer's feedback as the applicant sees it: a number, never a name."""

    label_number: int
    scores: list[tuple[Criterion, Any, str]]
    feedback: str


def feedback_for(submission: Submission) -> list[AnonymousFeedback]:
    """The sent reviews of the current round, numbered in a fixed order, without names."""
    criteria = list(submission.call.criteria.all())
    reviews = Review.objects.filter(
        assignment__submission=submission,
        status=ReviewStatus.SUBMITTED,
        review_round=submission.review_round,
    ).order_by("assignment_id")
    result = []
    for number, review in enumerate(reviews, start=1):
        scores = [
            (
                criterion,
                review.scores.get(criterion.key, {}).get("score"),
                review.scores.get(criterion.key, {}).get("comment", ""),
            )
            for criterion in criteria
        ]
        result.append(AnonymousFeedback(number, scores, review.feedback))
    return result


def outbox_of(call: Call) -> QuerySet[OutboxMessage]:
    return call.outbox.select_related("recipient", "submission").order_by("status", "created_at")


def held_count(call: Call) -> int:
    return call.outbox.filter(status=OutboxStatus.HELD).count()


def reviews_for_sheet(call: Call) -> QuerySet[ReviewAssignment]:
    """Every assignment with its review, for the review sheet export."""
    return (
        ReviewAssignment.objects.filter(submission__call=call)
        .select_related("submission", "submission__organisation", "member__user", "review")
        .order_by("submission__number", "member__user__full_name")
    )


def selected_submissions(call: Call) -> QuerySet[Submission]:
    return (
        call.submissions.filter(status=SubmissionStatus.SELECTED)
        .select_related("organisation", "offer")
        .order_by("number")
    )


def project_view(submission: Submission, *, blind: bool) -> dict[str, Any]:
    """What a project page shows, from the submitted snapshot. Blind: no applicant,
    no organisation, no patent numbers (a patent register names the holder)."""
    snapshot = submission.snapshot
    codes = snapshot.get("fields", [])
    fields = [field.names for field in TechnologyField.objects.filter(code__in=codes)]
    ip_status = snapshot.get("ip_status") or IntellectualPropertyStatus.NONE
    view: dict[str, Any] = {
        "code": submission.code,
        "titles": snapshot.get("titles", {}),
        "summaries": snapshot.get("summaries", {}),
        "descriptions": snapshot.get("descriptions", {}),
        "advantages": snapshot.get("advantages", {}),
        "target_industries": snapshot.get("target_industries", {}),
        "target_regions": snapshot.get("target_regions", {}),
        "fields": fields,
        "readiness_level": snapshot.get("readiness_level"),
        "ip_status": IntellectualPropertyStatus(ip_status).label,
        "patent_count": len(snapshot.get("patents", [])),
        "cooperation_forms": [
            CooperationForm(code).label
            for code in snapshot.get("cooperation_forms", [])
            if code in CooperationForm.values
        ],
        "blind": blind,
    }
    if not blind:
        view["patents"] = snapshot.get("patents", [])
        view["organisation"] = submission.organisation
        view["applicant"] = submission.applicant
    return view
