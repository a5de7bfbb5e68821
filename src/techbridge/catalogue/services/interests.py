"""Expressions of interest: a short message that reaches the owner and the organisers;
once accepted, both sides see each other's contact details."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.rules import acting_memberships
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue import rules
from techbridge.catalogue.enums import InterestStatus
from techbridge.catalogue.models import CatalogueItem, ExpressionOfInterest
from techbridge.catalogue.services.notifications import notify, organisers
from techbridge.core.text import detect_language


@transaction.atomic
def express_interest(
    *,
    item: CatalogueItem,
    sender: User,
    organisation: Organisation,
    message: str,
    cooperation_form: str,
    request: HttpRequest | None = None,
) -> ExpressionOfInterest:
    if not rules.can_express_interest(sender, item):
        raise PermissionDenied
    if not acting_memberships(sender).filter(organisation=organisation).exists():
        raise PermissionDenied
    detection = detect_language(message)
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                item=item,
                sender=sender,
                sender_organisation=organisation,
                message=message.strip(),
                message_language=detection.language or sender.preferred_language[:2],
                cooperation_form=cooperation_form,
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already expressed interest in this item."), code="duplicate"
        ) from None
    record_action(
        actor=sender,
        action=AuditAction.INTEREST_SENT,
        target=item,
        details={"interest": interest.pk},
        request=request,
    )
    recipients = [item.owner, *[user for user in organisers() if user != item.owner]]
    transaction.on_commit(lambda: notify(recipients, "interest_received", item, interest=interest))
    return interest


@transaction.atomic
def answer_interest(
    *,
    interest: ExpressionOfInterest,
    actor: User,
    accept: bool,
    request: HttpRequest | None = None,
) -> ExpressionOfInterest:
    interest = (
        ExpressionOfInterest.objects.select_for_update().select_related("item").get(pk=interest.pk)
    )
    if not rules.can_answer_interest(actor, interest):
        raise PermissionDenied
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.decided_by = actor
    interest.decided_at = timezone.now()
    interest.save(update_fields=["status", "decided_by", "decided_at"])
    record_action(
        actor=actor,
        action=AuditAction.INTEREST_ANSWERED,
        target=interest.item,
        details={"interest": interest.pk, "accepted": accept},
        request=request,
    )
    transaction.on_commit(
        lambda: notify(
            [interest.sender],
            "interest_accepted" if accept else "interest_declined",
            interest.item,
            interest=interest,
        )
    )
    return interest
