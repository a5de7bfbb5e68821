"""Reviewer assignment by the solver: start a background run, cancel it, apply its
proposal. The solver itself runs in ``services.solver_runs`` (a task)."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules, tasks
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.enums import RunStatus, SubmissionStatus
from techbridge.calls.models import AssignmentRun, Call, Review, ReviewAssignment, Submission
from techbridge.calls.services.experts import REVIEWABLE
from techbridge.calls.services.notifications import notify_assigned_expert
from techbridge.calls.services.solver_runs import kept_pairs
from techbridge.calls.services.submissions import change_submission_status


def _require_organiser(actor: User, call: Call) -> None:
    if not rules.is_call_organiser(actor, call):
        raise PermissionDenied


@transaction.atomic
def start_assignment_run(
    *, call: Call, actor: User, request: HttpRequest | None = None
) -> AssignmentRun:
    """Queue a solver run for the call (one at a time); the worker picks it up after
    the transaction commits."""
    _require_organiser(actor, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.assignment_runs.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING)).exists():
        raise ValidationError(
            _("An assignment run is already in progress for this call."), code="running"
        )
    run = AssignmentRun.objects.create(call=call, started_by=actor)
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENT_RUN_STARTED,
        target=call,
        details={"run": run.pk},
        request=request,
    )
    transaction.on_commit(lambda: tasks.run_assignment.enqueue(run.pk))
    return run


@transaction.atomic
def cancel_assignment_run(
    *, run: AssignmentRun, actor: User, request: HttpRequest | None = None
) -> AssignmentRun:
    """Ask a run to stop: a queued run is cancelled at once, a running one at the
    solver's next check."""
    _require_organiser(actor, run.call)
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    if not run.is_active:
        raise ValidationError(_("This run is no longer in progress."), code="not_running")
    run.cancel_requested = True
    if run.status == RunStatus.QUEUED:
        run.status = RunStatus.CANCELLED
        run.finished_at = timezone.now()
    run.save(update_fields=["cancel_requested", "status", "finished_at"])
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENT_RUN_CANCELLED,
        target=run.call,
        details={"run": run.pk},
        request=request,
    )
    return run


@transaction.atomic
def apply_assignment_run(
    *, run: AssignmentRun, actor: User, request: HttpRequest | None = None
) -> list[ReviewAssignment]:
    """Replace the call's unlocked, unstarted assignments with the run's proposal.

    Refused when the pairs the run had to keep (locked or started) changed since it ran:
    the proposal may then break K or a load, so the organiser runs it again. Experts get
    one e-mail each listing their new projects; eligible projects go under review.
    """
    _require_organiser(actor, run.call)
    call = Call.objects.select_for_update().get(pk=run.call_id)
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.FINISHED:
        raise ValidationError(_("Only a finished run can be applied."), code="not_finished")
    if kept_pairs(call.pk) != run.kept_pairs:
        raise ValidationError(
            _(
                "Assignments were locked, started or removed after this run; run the "
                "assignment again before applying it."
            ),
            code="stale",
        )
    proposal = {(submission, member): affinity for submission, member, affinity in run.proposal}
    reviewable = {
        submission.pk: submission
        for submission in call.submissions.filter(status__in=REVIEWABLE).select_related(
            "organisation"
        )
    }
    conflicts = call_conflicts(call, list(reviewable.values()))
    started = set(
        Review.objects.filter(assignment__submission__call=call).values_list(
            "assignment_id", flat=True
        )
    )
    current = {
        (assignment.submission_id, assignment.member_id): assignment
        for assignment in ReviewAssignment.objects.filter(submission__call=call)
    }
    for pair, assignment in current.items():
        replaceable = not assignment.is_locked and assignment.pk not in started
        if pair[0] in reviewable and replaceable and pair not in proposal:
            assignment.delete()
    active_members = set(call.pool.filter(is_active=True).values_list("pk", flat=True))
    created = []
    for (submission_id, member_id), affinity in proposal.items():
        pair = (submission_id, member_id)
        if pair in current or pair in conflicts:
            continue
        if submission_id not in reviewable or member_id not in active_members:
            continue
        created.append(
            ReviewAssignment.objects.create(
                submission_id=submission_id, member_id=member_id, run=run, affinity=affinity
            )
        )
    for submission in Submission.objects.filter(
        pk__in={assignment.submission_id for assignment in created},
        status__in=(SubmissionStatus.ELIGIBLE, SubmissionStatus.SCORED),
    ):
        change_submission_status(
            submission=submission, to_status=SubmissionStatus.UNDER_REVIEW, actor=None
        )
    run.status = RunStatus.APPLIED
    run.save(update_fields=["status"])
    _tell_experts(call, created)
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENTS_APPLIED,
        target=call,
        details={"run": run.pk, "created": len(created)},
        request=request,
    )
    return created


def _tell_experts(call: Call, created: list[ReviewAssignment]) -> None:
    by_member: dict[int, list[ReviewAssignment]] = defaultdict(list)
    for assignment in created:
        by_member[assignment.member_id].append(assignment)
    now = timezone.now()
    for assignments in by_member.values():
        expert = assignments[0].member.user
        notify_assigned_expert(call, expert, assignments)
        ReviewAssignment.objects.filter(pk__in=[a.pk for a in assignments]).update(notified_at=now)
