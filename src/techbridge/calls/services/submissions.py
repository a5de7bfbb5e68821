"""Applications to a call, changed only through ``change_submission_status``.

    draft ──submit──▶ submitted ──(automatic check)──▶ eligible ◀──override──▶ ineligible
                                                         │
                                  reviewers assigned ──▶ under review ──all reviews in──▶ scored
                                                                                           │
          selected · reserve · rejected · revise and resubmit ◀──organisers apply decisions┘
          revise ──resubmit──▶ submitted ──▶ … re-reviewed by the same experts
    withdrawn: by the applicant, from any state before the decision

Every change checks that the transition exists and that the actor may make it, records it
in the audit log and notifies (e-mail at once, or a held outbox message for decisions),
in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules
from techbridge.calls.deadlines import time_in_zone
from techbridge.calls.eligibility import eligibility_problems
from techbridge.calls.enums import DECISION_STATUSES, ReviewStatus, SubmissionStatus
from techbridge.calls.models import Call, Review, Submission
from techbridge.calls.services import outbox
from techbridge.calls.services.notifications import notify_applicant
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyOffer

S = SubmissionStatus


@dataclass(frozen=True)
class Transition:
    """Who may make a change: the applicant, an organiser, the system (automatic steps)."""

    applicant: bool = False
    organiser: bool = False
    system: bool = False
    needs_reason: bool = False


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.DRAFT, S.SUBMITTED): Transition(applicant=True),
    (S.REVISE, S.SUBMITTED): Transition(applicant=True),
    (S.SUBMITTED, S.ELIGIBLE): Transition(organiser=True, system=True),
    (S.SUBMITTED, S.INELIGIBLE): Transition(organiser=True, system=True, needs_reason=True),
    (S.ELIGIBLE, S.INELIGIBLE): Transition(organiser=True, needs_reason=True),
    (S.INELIGIBLE, S.ELIGIBLE): Transition(organiser=True, needs_reason=True),
    (S.ELIGIBLE, S.UNDER_REVIEW): Transition(organiser=True, system=True),
    (S.UNDER_REVIEW, S.SCORED): Transition(organiser=True, system=True),
    (S.SCORED, S.UNDER_REVIEW): Transition(organiser=True, system=True),
    (S.SCORED, S.SELECTED): Transition(organiser=True),
    (S.SCORED, S.RESERVE): Transition(organiser=True),
    (S.SCORED, S.REJECTED): Transition(organiser=True),
    (S.SCORED, S.REVISE): Transition(organiser=True, needs_reason=True),
    (S.RESERVE, S.SELECTED): Transition(organiser=True),
    **{(source, S.WITHDRAWN): Transition(applicant=True) for source in rules.WITHDRAWABLE},
}


def allowed_transitions(submission: Submission, actor: User | None) -> list[str]:
    """The states this actor may move the application to now."""
    return [
        target
        for (source, target), transition in TRANSITIONS.items()
        if source == submission.status and _may(actor, submission, transition)
    ]


def _may(actor: User | None, submission: Submission, transition: Transition) -> bool:
    if actor is None:
        return transition.system
    return (transition.applicant and rules.is_applicant(actor, submission)) or (
        transition.organiser and rules.is_call_organiser(actor, submission.call)
    )


def _check_window(submission: Submission, actor: User, now) -> None:
    call = submission.call
    if submission.status == S.REVISE:
        if submission.revision_due_at and now > submission.revision_due_at:
            raise ValidationError(
                _("The time to resubmit ended on %(deadline)s.")
                % {"deadline": time_in_zone(submission.revision_due_at, actor.time_zone)},
                code="late",
            )
        return
    if not call.is_published or now < call.opens_at:
        raise ValidationError(_("The call is not open for applications yet."), code="not_open")
    if now >= call.closes_at:
        raise ValidationError(
            _("The call closed on %(deadline)s; late applications cannot be accepted.")
            % {"deadline": time_in_zone(call.closes_at, actor.time_zone)},
            code="late",
        )


def completeness_problems(submission: Submission) -> list[str]:
    """What must be done before the application can be submitted."""
    problems = []
    offer = submission.offer
    if offer.status == ItemStatus.ARCHIVED:
        problems.append(_("The technology offer is archived; restore it or choose another."))
    if not offer.titles or not offer.summaries:
        problems.append(_("Give the offer a title and a summary."))
    for question in submission.call.questions.all():
        if not isinstance(submission.answers.get(str(question.pk)), bool):
            problems.append(_("Answer every question of the call."))
            break
    return problems


def offer_snapshot(offer: TechnologyOffer) -> dict:
    """The project as reviewers see it: texts and facts, never the holder or organisation."""
    return {
        "source_language": offer.source_language,
        "titles": offer.titles,
        "summaries": offer.summaries,
        "descriptions": offer.descriptions,
        "advantages": offer.advantages,
        "target_industries": offer.target_industries,
        "target_regions": offer.target_regions,
        "keywords": offer.keywords,
        "readiness_level": offer.readiness_level,
        "ip_status": offer.ip_status,
        "patents": offer.patents,
        "cooperation_forms": offer.cooperation_forms,
        "fields": sorted(field.code for field in offer.fields.all()),
    }


@transaction.atomic
def change_submission_status(
    *,
    submission: Submission,
    to_status: SubmissionStatus | str,
    actor: User | None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Submission:
    """The one way to change an application's status.

    Raises ``PermissionDenied`` for a change the actor may not make and
    ``ValidationError`` for one that does not exist, a missing reason, a late or
    incomplete submission; nothing changes then. Submitting runs the eligibility check
    at once (eligible or not eligible, by the system); a resubmission after revision
    that passes goes straight back to its reviewers.
    """
    submission = (
        Submission.objects.select_for_update().select_related("call", "offer").get(pk=submission.pk)
    )
    source, target = submission.status, SubmissionStatus(to_status)
    transition = TRANSITIONS.get((source, target))
    if transition is None:
        raise ValidationError(
            _("An application that is “%(source)s” cannot become “%(target)s”.")
            % {"source": S(source).label, "target": target.label},
            code="invalid_transition",
        )
    if not _may(actor, submission, transition):
        raise PermissionDenied
    reason = reason.strip()
    if transition.needs_reason and not reason and actor is not None:
        raise ValidationError(_("Give a reason for this decision."), code="reason")
    now = timezone.now()
    if target == S.SUBMITTED:
        assert actor is not None
        _check_window(submission, actor, now)
        problems = completeness_problems(submission)
        if problems:
            raise ValidationError(problems, code="incomplete")
        submission.snapshot = offer_snapshot(submission.offer)
        submission.submitted_at = now
        if source == S.REVISE:
            submission.review_round += 1
            _reopen_reviews(submission)
    if target in DECISION_STATUSES:
        submission.decided_at = now
    if target == S.REVISE:
        submission.revision_requests = reason
        submission.revision_due_at = now + timedelta(days=submission.call.revision_days)
    submission.status = target
    submission.status_changed_at = now
    submission.status_reason = reason
    submission.save()
    record_action(
        actor=actor,
        action=AuditAction.SUBMISSION_STATUS_CHANGED,
        target=submission,
        details={"from": source, "to": target.value, "reason": reason},
        request=request,
    )
    _notify(submission, target)
    if target == S.SUBMITTED:
        submission = run_eligibility_check(submission=submission)
    elif target == S.ELIGIBLE and submission.assignments.exists():
        # A resubmission (or a reinstated application) already has its reviewers.
        submission = change_submission_status(
            submission=submission, to_status=S.UNDER_REVIEW, actor=None
        )
    return submission


def _reopen_reviews(submission: Submission) -> None:
    """A resubmitted project is re-reviewed: finished reviews become drafts again, with
    the previous total kept for comparison."""
    for review in Review.objects.filter(assignment__submission=submission):
        review.previous_total = review.total
        review.total = None
        review.status = ReviewStatus.DRAFT
        review.submitted_at = None
        review.review_round = submission.review_round
        review.save()


def _notify(submission: Submission, target: SubmissionStatus) -> None:
    """Decisions wait in the outbox; the eligibility result (which also acknowledges the
    submission) and withdrawals are e-mailed at once; internal steps are silent."""
    if target in DECISION_STATUSES:
        outbox.queue_decision_message(submission)
    elif target in (S.ELIGIBLE, S.INELIGIBLE):
        notify_applicant(submission, "eligibility")
    elif target == S.WITHDRAWN:
        notify_applicant(submission, "withdrawn")


@transaction.atomic
def run_eligibility_check(*, submission: Submission) -> Submission:
    """Check a submitted application against the call's rules and record the result
    (eligible or not eligible, by the system). Organisers confirm or override it."""
    submission.refresh_from_db()
    problems = eligibility_problems(submission)
    submission.eligibility_problems = problems
    submission.eligibility_checked_at = timezone.now()
    submission.eligibility_confirmed_by = None
    submission.eligibility_confirmed_at = None
    submission.save(
        update_fields=[
            "eligibility_problems",
            "eligibility_checked_at",
            "eligibility_confirmed_by",
            "eligibility_confirmed_at",
            "updated_at",
        ]
    )
    if submission.status != S.SUBMITTED:
        return submission
    return change_submission_status(
        submission=submission, to_status=S.INELIGIBLE if problems else S.ELIGIBLE, actor=None
    )


@transaction.atomic
def confirm_eligibility(
    *, submission: Submission, actor: User, request: HttpRequest | None = None
) -> Submission:
    """An organiser confirms the automatic eligibility result as it stands."""
    if not rules.is_call_organiser(actor, submission.call):
        raise PermissionDenied
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in (S.ELIGIBLE, S.INELIGIBLE):
        raise ValidationError(_("Only a checked application can be confirmed."))
    submission.eligibility_confirmed_by = actor
    submission.eligibility_confirmed_at = timezone.now()
    submission.save(update_fields=["eligibility_confirmed_by", "eligibility_confirmed_at"])
    record_action(
        actor=actor,
        action=AuditAction.ELIGIBILITY_CONFIRMED,
        target=submission,
        details={"status": submission.status},
        request=request,
    )
    return submission


@transaction.atomic
def start_application(
    *, call: Call, applicant: User, offer: TechnologyOffer, request: HttpRequest | None = None
) -> Submission:
    """Enter one of the applicant's own offers into an open call, as a draft."""
    if not rules.can_apply(applicant, call):
        raise PermissionDenied
    if offer.owner_id != applicant.pk or offer.status == ItemStatus.ARCHIVED:
        raise PermissionDenied
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.submissions.filter(offer=offer).exists():
        raise ValidationError(_("This offer is already entered into the call."), code="duplicate")
    number = (call.submissions.aggregate(Max("number"))["number__max"] or 0) + 1
    submission = Submission.objects.create(
        call=call,
        number=number,
        offer=offer,
        applicant=applicant,
        organisation=offer.organisation,
        snapshot=offer_snapshot(offer),
    )
    record_action(
        actor=applicant, action=AuditAction.SUBMISSION_CREATED, target=submission, request=request
    )
    return submission


@transaction.atomic
def save_answers(
    *,
    submission: Submission,
    actor: User,
    answers: dict[int, bool],
    request: HttpRequest | None = None,
) -> Submission:
    """Store the applicant's yes/no answers to the call's questions."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not rules.can_edit_submission(actor, submission):
        raise PermissionDenied
    known = set(submission.call.questions.values_list("pk", flat=True))
    submission.answers = {
        str(question): bool(answer) for question, answer in answers.items() if question in known
    }
    submission.snapshot = offer_snapshot(submission.offer)
    submission.save(update_fields=["answers", "snapshot", "updated_at"])
    record_action(
        actor=actor, action=AuditAction.SUBMISSION_UPDATED, target=submission, request=request
    )
    return submission
