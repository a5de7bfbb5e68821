"""The expert pool of a call: seats, bids, declared conflicts, organisers' manual pairs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from techbridge.accounts.enums import Role
from techbridge.accounts.models import User
from techbridge.accounts.rules import has_role
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules
from techbridge.calls.conflicts import has_conflict
from techbridge.calls.enums import Bid, ConflictSource, SubmissionStatus
from techbridge.calls.models import (
    Call,
    DeclaredConflict,
    PoolMember,
    ProjectBid,
    ReviewAssignment,
    Submission,
)
from techbridge.calls.services.submissions import change_submission_status
from techbridge.catalogue.models import ExpertProfile

#: Projects an expert may bid on and reviewers may be assigned to.
REVIEWABLE = (SubmissionStatus.ELIGIBLE, SubmissionStatus.UNDER_REVIEW, SubmissionStatus.SCORED)


def _require_organiser(actor: User, call: Call) -> None:
    if not rules.is_call_organiser(actor, call):
        raise PermissionDenied


@transaction.atomic
def add_pool_member(
    *, call: Call, actor: User, profile: ExpertProfile, request: HttpRequest | None = None
) -> PoolMember:
    """Seat the owner of an expert profile in the call's pool (again, if they had left).

    The owner must hold the expert role in a verified organisation."""
    _require_organiser(actor, call)
    if not has_role(profile.owner, Role.EXPERT):
        raise ValidationError(
            _("%(name)s does not hold the expert role in a verified organisation.")
            % {"name": profile.owner.full_name},
            code="not_expert",
        )
    member, created = PoolMember.objects.get_or_create(
        call=call, user=profile.owner, defaults={"profile": profile}
    )
    if not created:
        member.profile = profile
        member.is_active = True
        member.save(update_fields=["profile", "is_active"])
    record_action(
        actor=actor,
        action=AuditAction.POOL_CHANGED,
        target=call,
        details={"added": member.user.email},
        request=request,
    )
    return member


@transaction.atomic
def remove_pool_member(
    *, member: PoolMember, actor: User, request: HttpRequest | None = None
) -> PoolMember:
    """Take an expert out of the pool; their assignments without a started review go."""
    _require_organiser(actor, member.call)
    member.is_active = False
    member.save(update_fields=["is_active"])
    ReviewAssignment.objects.filter(member=member, review__isnull=True).delete()
    record_action(
        actor=actor,
        action=AuditAction.POOL_CHANGED,
        target=member.call,
        details={"removed": member.user.email},
        request=request,
    )
    return member


@transaction.atomic
def set_loads(
    *,
    member: PoolMember,
    actor: User,
    minimum: int | None,
    maximum: int | None,
    request: HttpRequest | None = None,
) -> PoolMember:
    """An expert's own load bounds (``None``: the call's default)."""
    _require_organiser(actor, member.call)
    low, high = member.call.expert_minimum_load, member.call.expert_maximum_load
    if (minimum if minimum is not None else low) > (maximum if maximum is not None else high):
        raise ValidationError(_("The least number of projects exceeds the most."), code="loads")
    member.minimum_load, member.maximum_load = minimum, maximum
    member.save(update_fields=["minimum_load", "maximum_load"])
    record_action(
        actor=actor,
        action=AuditAction.POOL_CHANGED,
        target=member.call,
        details={"expert": member.user.email, "minimum": minimum, "maximum": maximum},
        request=request,
    )
    return member


def _own_member(actor: User, submission: Submission) -> PoolMember:
    member = rules.pool_member(actor, submission.call)
    if member is None or submission.status not in REVIEWABLE:
        raise PermissionDenied
    return member


@transaction.atomic
def place_bid(*, submission: Submission, actor: User, bid: Bid | str | None) -> ProjectBid | None:
    """An expert's bid on a project of the call (``None`` withdraws the bid)."""
    if not rules.can_bid(actor, submission.call):
        raise PermissionDenied
    member = _own_member(actor, submission)
    if bid in (None, ""):
        ProjectBid.objects.filter(member=member, submission=submission).delete()
        return None
    placed, _created = ProjectBid.objects.update_or_create(
        member=member, submission=submission, defaults={"bid": Bid(bid)}
    )
    return placed


@transaction.atomic
def declare_conflict(
    *,
    submission: Submission,
    actor: User,
    reason: str,
    member: PoolMember | None = None,
    request: HttpRequest | None = None,
) -> DeclaredConflict:
    """An expert declares a tie to a project (or an organiser records one for
    ``member``). The pair's assignment goes, unless its review has started; such a
    review is left for an organiser to judge."""
    if not reason.strip():
        raise ValidationError(_("Say what ties you to this project."), code="reason")
    if member is None:
        member = _own_member(actor, submission)
        source = ConflictSource.DECLARED
    else:
        _require_organiser(actor, submission.call)
        source = ConflictSource.ORGANISER
    conflict, _created = DeclaredConflict.objects.update_or_create(
        member=member,
        submission=submission,
        defaults={"source": source, "reason": reason.strip()[:1000], "created_by": actor},
    )
    ReviewAssignment.objects.filter(
        member=member, submission=submission, review__isnull=True
    ).delete()
    record_action(
        actor=actor,
        action=AuditAction.CONFLICT_DECLARED,
        target=submission,
        details={"expert": member.user.email, "source": source.value},
        request=request,
    )
    return conflict


@transaction.atomic
def assign_manually(
    *,
    submission: Submission,
    member: PoolMember,
    actor: User,
    request: HttpRequest | None = None,
) -> ReviewAssignment:
    """An organiser pairs an expert with a project; the pair is locked, so solver runs
    keep it. A conflicted pair is refused."""
    _require_organiser(actor, submission.call)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if member.call_id != submission.call_id or not member.is_active:
        raise ValidationError(_("This expert is not in the call's pool."), code="pool")
    if submission.status not in REVIEWABLE:
        raise ValidationError(_("Only eligible applications get reviewers."), code="status")
    if has_conflict(member, submission):
        raise ValidationError(
            _("This expert has a conflict of interest with the project."), code="conflict"
        )
    assignment, _created = ReviewAssignment.objects.update_or_create(
        submission=submission, member=member, defaults={"is_locked": True}
    )
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENT_CHANGED,
        target=submission,
        details={"expert": member.user.email, "locked": True},
        request=request,
    )
    if submission.status in (SubmissionStatus.ELIGIBLE, SubmissionStatus.SCORED):
        change_submission_status(
            submission=submission, to_status=SubmissionStatus.UNDER_REVIEW, actor=None
        )
    return assignment


@transaction.atomic
def set_lock(
    *,
    assignment: ReviewAssignment,
    actor: User,
    is_locked: bool,
    request: HttpRequest | None = None,
) -> ReviewAssignment:
    _require_organiser(actor, assignment.submission.call)
    assignment.is_locked = is_locked
    assignment.save(update_fields=["is_locked"])
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENT_CHANGED,
        target=assignment.submission,
        details={"expert": assignment.member.user.email, "locked": is_locked},
        request=request,
    )
    return assignment


@transaction.atomic
def remove_assignment(
    *, assignment: ReviewAssignment, actor: User, request: HttpRequest | None = None
) -> None:
    """Unpair an expert and a project, unless the review has started."""
    _require_organiser(actor, assignment.submission.call)
    if hasattr(assignment, "review"):
        raise ValidationError(
            _("The expert has started this review; it cannot be taken away."), code="started"
        )
    record_action(
        actor=actor,
        action=AuditAction.ASSIGNMENT_CHANGED,
        target=assignment.submission,
        details={"expert": assignment.member.user.email, "removed": True},
        request=request,
    )
    assignment.delete()
