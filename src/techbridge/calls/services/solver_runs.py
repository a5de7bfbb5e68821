"""The body of a background assignment run: build the instance, solve, store the proposal.

Runs in a worker (``manage.py db_worker``) outside any transaction, so each progress
update is committed at once and the organisers' page (polling) sees it.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.calls import engine
from techbridge.calls.affinity import affinity_matrix
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.enums import RunStatus
from techbridge.calls.models import AssignmentRun, ReviewAssignment
from techbridge.calls.services.experts import REVIEWABLE

logger = logging.getLogger(__name__)
#: Seconds the solver may spend proving optimality (the first round always completes).
TIME_LIMIT = 60.0


def kept_pairs(call_id: int) -> list[list[int]]:
    """Pairs a run must keep: locked by an organiser, or with a review started."""
    return sorted(
        [submission, member]
        for submission, member in ReviewAssignment.objects.filter(
            Q(is_locked=True) | Q(review__isnull=False),
            submission__call_id=call_id,
            submission__status__in=REVIEWABLE,
            member__is_active=True,
        ).values_list("submission_id", "member_id")
    )


def execute_assignment_run(*, run_id: int) -> AssignmentRun:
    """Solve the assignment of a queued run. Safe to run twice: only a queued run starts."""
    started = AssignmentRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, progress_message=_("Preparing the data")
    )
    run = AssignmentRun.objects.select_related("call").get(pk=run_id)
    if not started:
        return run
    try:
        _solve(run)
    except engine.AssignmentCancelled:
        AssignmentRun.objects.filter(pk=run_id).update(
            status=RunStatus.CANCELLED, finished_at=timezone.now()
        )
    except Exception as error:  # a failed run must say so on the page, not hang
        logger.exception("assignment run %s failed", run_id)
        AssignmentRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def _solve(run: AssignmentRun) -> None:
    call = run.call
    submissions = list(
        call.submissions.filter(status__in=REVIEWABLE)
        .select_related("offer", "organisation")
        .prefetch_related("offer__fields")
        .order_by("number")
    )
    members = list(
        call.pool.filter(is_active=True)
        .select_related("profile", "user", "call")
        .prefetch_related("profile__fields")
        .order_by("pk")
    )
    conflicts = call_conflicts(call, submissions, members)
    locked = kept_pairs(call.pk)

    def on_progress(progress: engine.AssignmentProgress) -> None:
        AssignmentRun.objects.filter(pk=run.pk).update(
            progress=0.1 + 0.9 * progress.fraction, progress_message=progress.message[:300]
        )

    def should_cancel() -> bool:
        return AssignmentRun.objects.filter(pk=run.pk, cancel_requested=True).exists()

    AssignmentRun.objects.filter(pk=run.pk).update(
        progress=0.02, progress_message=_("Computing the affinity of experts and projects")
    )
    affinity = affinity_matrix(submissions, members)
    if should_cancel():
        raise engine.AssignmentCancelled("cancelled before solving")
    AssignmentRun.objects.filter(pk=run.pk).update(progress=0.1)
    outcome = engine.assign(
        submission_ids=[submission.pk for submission in submissions],
        member_ids=[member.pk for member in members],
        affinity=affinity.total,
        reviews_per_project=call.reviews_per_project,
        loads={member.pk: member.load_bounds() for member in members},
        conflicts=list(conflicts),
        locked=[(submission, member) for submission, member in locked],
        labels={submission.pk: submission.code for submission in submissions},
        expert_labels={member.pk: member.user.full_name for member in members},
        time_limit=TIME_LIMIT,
        on_progress=on_progress,
        should_cancel=should_cancel,
    )
    row = {submission.pk: index for index, submission in enumerate(submissions)}
    column = {member.pk: index for index, member in enumerate(members)}
    explanations = list(outcome.explanations) + affinity.notes
    if not members:
        explanations.insert(0, engine.run_note("pool_empty", "the expert pool is empty"))
    with transaction.atomic():
        AssignmentRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FINISHED,
            progress=1.0,
            progress_message="",
            solver_status=outcome.status,
            objective=outcome.objective,
            upper_bound=outcome.upper_bound,
            proposal=[
                [
                    submission,
                    member,
                    round(float(affinity.total[row[submission], column[member]]), 4),
                ]
                for submission, member in outcome.pairs
            ],
            kept_pairs=locked,
            unfilled=[[submission, missing] for submission, missing in outcome.unfilled],
            explanations=explanations,
            finished_at=timezone.now(),
        )
