"""Creating, configuring and publishing calls for projects."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.calls import rules
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.models import (
    Call,
    CallQuestion,
    Criterion,
    RequiredAttachment,
    Review,
)

#: Call settings that may not change once applications were sent (they are the rules
#: those applications were checked against).
RULE_FIELDS = ("minimum_readiness_level", "eligible_countries")


def _require_organiser(actor: User) -> None:
    if not rules.is_call_organiser(actor):
        raise PermissionDenied


@transaction.atomic
def create_call(*, actor: User, request: HttpRequest | None = None, **values: Any) -> Call:
    """A new call, unpublished, with the organiser as its author."""
    _require_organiser(actor)
    call = Call(created_by=actor, **values)
    call.full_clean()
    call.save()
    record_action(actor=actor, action=AuditAction.CALL_CREATED, target=call, request=request)
    return call


def _has_sent_applications(call: Call) -> bool:
    return call.submissions.exclude(status=SubmissionStatus.DRAFT).exists()


@transaction.atomic
def update_call(
    *, call: Call, actor: User, request: HttpRequest | None = None, **values: Any
) -> Call:
    """Save changed settings; eligibility rules are frozen once applications were sent."""
    _require_organiser(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    changed = [name for name, value in values.items() if getattr(call, name) != value]
    if set(changed) & set(RULE_FIELDS) and _has_sent_applications(call):
        raise ValidationError(
            _("Eligibility rules cannot change once applications have been sent."),
            code="frozen",
        )
    for name in changed:
        setattr(call, name, values[name])
    if not changed:
        return call
    call.full_clean()
    call.save()
    record_action(
        actor=actor,
        action=AuditAction.CALL_UPDATED,
        target=call,
        details={"fields": sorted(changed)},
        request=request,
    )
    return call


def publication_problems(call: Call) -> list[str]:
    problems = []
    if not call.criteria.exists():
        problems.append(_("Define at least one criterion of the rubric."))
    if call.closes_at <= timezone.now():
        problems.append(_("The closing time has passed."))
    if len(call.titles) < 2:
        problems.append(_("Give the title in at least two languages."))
    return problems


@transaction.atomic
def publish_call(*, call: Call, actor: User, request: HttpRequest | None = None) -> Call:
    """Make the call visible and, from its opening time, open for applications."""
    _require_organiser(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    problems = publication_problems(call)
    if problems:
        raise ValidationError(problems, code="incomplete")
    call.is_published = True
    call.published_at = timezone.now()
    call.save(update_fields=["is_published", "published_at", "updated_at"])
    record_action(actor=actor, action=AuditAction.CALL_PUBLISHED, target=call, request=request)
    return call


@transaction.atomic
def save_call_parts(
    *,
    call: Call,
    actor: User,
    saved: list[models.Model],
    deleted: list[models.Model],
    request: HttpRequest | None = None,
) -> None:
    """Save edited rubric criteria, questions, required documents, quotas or phases.

    The rubric is frozen once a review exists, questions and required documents once
    an application was sent: those who already answered were judged by them.
    """
    _require_organiser(actor)
    touched = saved + deleted
    if (
        any(isinstance(part, Criterion) for part in touched)
        and Review.objects.filter(assignment__submission__call=call).exists()
    ):
        raise ValidationError(
            _("The rubric cannot change once reviewing has started."), code="frozen"
        )
    if any(
        isinstance(part, (CallQuestion, RequiredAttachment)) for part in touched
    ) and _has_sent_applications(call):
        raise ValidationError(
            _("Questions and required documents cannot change once applications were sent."),
            code="frozen",
        )
    for part in deleted:
        part.delete()
    for part in saved:
        part.call = call  # type: ignore[attr-defined]
        part.full_clean()
        part.save()
    record_action(
        actor=actor,
        action=AuditAction.CALL_UPDATED,
        target=call,
        details={
            "parts": sorted({type(part).__name__ for part in touched}),
            "saved": len(saved),
            "deleted": len(deleted),
        },
        request=request,
    )
