"""Decisions: proposed optimally by the selection core, held as pending, then applied in
bulk. Every change compares the call's ``decision_version`` with the version the
organiser saw, so two organisers deciding at once cannot both win silently."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import engine, rules
from techbridge.calls.enums import DecisionOutcome, SubmissionStatus
from techbridge.calls.models import Call, PendingDecision, Submission
from techbridge.calls.ranking import call_ranking
from techbridge.calls.services.submissions import change_submission_status


class StaleDecisions(ValidationError):
    """The decisions changed since the organiser loaded them."""


def _lock_call(call: Call, actor: User, expected_version: int) -> Call:
    """Lock the call row and check the version the organiser saw; bump it."""
    if not rules.is_call_organiser(actor, call):
        raise PermissionDenied
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if locked.decision_version != expected_version:
        raise StaleDecisions(
            _(
                "Another organiser changed the decisions while you were looking at them "
                "(version %(seen)d, now %(current)d). Nothing was changed: reload the page, "
                "check their decisions and try again."
            )
            % {"seen": expected_version, "current": locked.decision_version},
            code="stale",
        )
    locked.decision_version += 1
    locked.save(update_fields=["decision_version", "updated_at"])
    return locked


@transaction.atomic
def propose_decisions(
    *, call: Call, actor: User, expected_version: int, request: HttpRequest | None = None
) -> list[PendingDecision]:
    """Choose the best ``projects_to_select`` scored projects under the field quotas
    (optimal, by the selection core), with the reserve list; every other scored project
    is proposed for rejection. Replaces the pending decisions."""
    call = _lock_call(call, actor, expected_version)
    ranking = call_ranking(call)
    scored = [
        project
        for project in sorted(ranking.projects, key=lambda project: project.submission.number)
        if project.submission.status == SubmissionStatus.SCORED and project.calibrated is not None
    ]
    if not scored:
        raise ValidationError(_("No project is scored yet."), code="nothing_scored")
    quotas = {quota.field.code: quota.maximum for quota in call.quotas.select_related("field")}
    result = engine.select(
        scores=[
            (project.submission.pk, project.calibrated, project.quota_fields)
            for project in scored
            if project.calibrated is not None
        ],
        count=call.projects_to_select,
        quotas=quotas,
        reserve_count=call.reserve_size,
    )
    PendingDecision.objects.filter(submission__call=call).delete()
    decisions = []
    for decision in [*result.selected, *result.reserve, *result.rejected]:
        decisions.append(
            PendingDecision.objects.create(
                submission_id=engine.project_id(decision.project),
                outcome=DecisionOutcome(decision.status),
                reason=decision.reason[:500],
                reason_code=decision.reason_code,
                reason_details=dict(decision.reason_details),
                rank=decision.rank,
                score=decision.score,
                decided_by=actor,
            )
        )
    record_action(
        actor=actor,
        action=AuditAction.DECISIONS_PROPOSED,
        target=call,
        details={
            "selected": len(result.selected),
            "reserve": len(result.reserve),
            "notes": result.notes,
        },
        request=request,
    )
    return decisions


@transaction.atomic
def set_pending_decision(
    *,
    submission: Submission,
    actor: User,
    outcome: DecisionOutcome | str,
    expected_version: int,
    requests: str = "",
    request: HttpRequest | None = None,
) -> PendingDecision:
    """An organiser overrides one pending decision (a revision needs its requests)."""
    _lock_call(submission.call, actor, expected_version)
    outcome = DecisionOutcome(outcome)
    if submission.status != SubmissionStatus.SCORED:
        raise ValidationError(_("Only scored projects can be decided."), code="status")
    if outcome == DecisionOutcome.REVISE and not requests.strip():
        raise ValidationError(
            {"requests": [_("Tell the applicant what to revise.")]}, code="requests"
        )
    decision, _created = PendingDecision.objects.update_or_create(
        submission=submission,
        defaults={
            "outcome": outcome,
            "requests": requests.strip(),
            "reason": _("set by an organiser"),
            "decided_by": actor,
        },
    )
    record_action(
        actor=actor,
        action=AuditAction.DECISION_CHANGED,
        target=submission,
        details={"outcome": outcome.value},
        request=request,
    )
    return decision


@transaction.atomic
def apply_decisions(
    *, call: Call, actor: User, expected_version: int, request: HttpRequest | None = None
) -> int:
    """Apply every pending decision of the call at once, through the state-change
    service (which queues each applicant's message in the outbox). Returns how many
    were applied."""
    call = _lock_call(call, actor, expected_version)
    pending = list(
        PendingDecision.objects.filter(
            submission__call=call, submission__status=SubmissionStatus.SCORED
        ).select_related("submission")
    )
    if not pending:
        raise ValidationError(_("There are no pending decisions to apply."), code="empty")
    missing = [
        decision.submission.code
        for decision in pending
        if decision.outcome == DecisionOutcome.REVISE and not decision.requests.strip()
    ]
    if missing:
        raise ValidationError(
            _("Say what to revise for %(projects)s.") % {"projects": ", ".join(missing)},
            code="requests",
        )
    for decision in pending:
        change_submission_status(
            submission=decision.submission,
            to_status=decision.outcome,
            actor=actor,
            # Said in the applicant's language: the applicant is the one who reads it.
            reason=decision.requests
            or decision.reason_text(decision.submission.applicant.preferred_language),
            request=request,
        )
    PendingDecision.objects.filter(pk__in=[decision.pk for decision in pending]).delete()
    record_action(
        actor=actor,
        action=AuditAction.DECISIONS_APPLIED,
        target=call,
        details={"applied": len(pending)},
        request=request,
    )
    return len(pending)
