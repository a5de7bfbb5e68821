"""Reminders to experts whose reviews are unfinished shortly before a phase ends."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.calls.enums import ReviewStatus, SubmissionStatus
from techbridge.calls.models import ReviewAssignment, ReviewPhase
from techbridge.calls.services.notifications import send_reminder


def remind_reviewers(*, days_before: int, now: datetime | None = None) -> int:
    """E-mail every expert with unfinished reviews in a scoring phase that ends within
    ``days_before`` days; returns how many experts were reminded.

    An expert is reminded once per phase window: assignments reminded since the window
    opened (``ends_at - days_before``) are skipped, so running it twice (or daily)
    sends nothing new.
    """
    now = now or timezone.now()
    reminded = 0
    phases = ReviewPhase.objects.filter(
        reviewers_may_review=True, ends_at__gt=now, ends_at__lte=now + timedelta(days=days_before)
    ).select_related("call")
    for phase in phases:
        window_opens = phase.ends_at - timedelta(days=days_before)
        unfinished = (
            ReviewAssignment.objects.filter(
                submission__call=phase.call,
                submission__status=SubmissionStatus.UNDER_REVIEW,
                member__is_active=True,
            )
            .filter(Q(review__isnull=True) | Q(review__status=ReviewStatus.DRAFT))
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=window_opens))
            .select_related("member__user")
        )
        by_expert: dict[int, list[ReviewAssignment]] = defaultdict(list)
        for assignment in unfinished:
            by_expert[assignment.member.user_id].append(assignment)
        for assignments in by_expert.values():
            expert = assignments[0].member.user
            with transaction.atomic():
                ReviewAssignment.objects.filter(pk__in=[a.pk for a in assignments]).update(
                    reminded_at=now
                )
                transaction.on_commit(_reminder(phase, expert, len(assignments)))
            reminded += 1
    return reminded


def _reminder(phase: ReviewPhase, expert: User, unfinished: int) -> Callable[[], None]:
    """The e-mail to send once the reminder is recorded."""
    return lambda: send_reminder(phase.call, expert, unfinished, phase.ends_at)
