"""Writes of the deals domain: a meeting's outcome starts a deal; its stage changes
through one function.

    contacted → meeting held → NDA → due diligence → agreement → landed
    (forward, stages may be skipped; any open deal may be stopped; a stopped deal may be
    reopened at “contacted”)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.deals import rules
from techbridge.deals.enums import PROGRESSION, DealStage
from techbridge.deals.models import Deal
from techbridge.events.enums import InterestLevel, NextStep
from techbridge.events.models import Meeting, MeetingOutcome
from techbridge.events.services.meetings import record_meeting_outcome
from techbridge.i18n_text import CONTENT_LANGUAGES, pick_text


def allowed_stages(deal: Deal) -> list[DealStage]:
    """The stages the deal may move to from where it is."""
    if deal.stage == DealStage.STOPPED:
        return [DealStage.CONTACTED]
    if deal.stage == DealStage.LANDED:
        return []
    position = PROGRESSION.index(DealStage(deal.stage))
    return [*PROGRESSION[position + 1 :], DealStage.STOPPED]


@transaction.atomic
def change_deal_stage(
    *,
    deal: Deal,
    to_stage: DealStage | str,
    actor: User,
    value: Decimal | None = None,
    request: HttpRequest | None = None,
) -> Deal:
    """The one way to move a deal. Raises ``ValidationError`` for a move that does not
    exist and ``PermissionDenied`` for an actor who may not; nothing changes then. A
    landed deal records the day it landed and, if given, its value."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    target = DealStage(to_stage)
    if target not in allowed_stages(deal):
        raise ValidationError(
            _("A deal at “%(source)s” cannot move to “%(target)s”.")
            % {"source": DealStage(deal.stage).label, "target": target.label},
            code="invalid_transition",
        )
    if not rules.can_change_deal(actor, deal):
        raise PermissionDenied
    source = deal.stage
    deal.stage = target
    deal.stage_changed_at = timezone.now()
    if target == DealStage.LANDED:
        deal.landed_at = timezone.localdate()
    if value is not None:
        deal.value = value
    deal.save()
    record_action(
        actor=actor,
        action=AuditAction.DEAL_STAGE_CHANGED,
        target=deal,
        details={"from": source, "to": target.value, "value": str(value or "")},
        request=request,
    )
    return deal


def _title(meeting: Meeting) -> dict[str, str]:
    requester, recipient = meeting.parties
    texts = {}
    for language in CONTENT_LANGUAGES:
        names = [
            pick_text(party.organisation.names, language).text
            if party.organisation is not None
            else str(party.user)
            for party in (requester, recipient)
        ]
        texts[language] = " – ".join(names)
    return texts


@transaction.atomic
def record_outcome_and_follow_up(
    *,
    meeting: Meeting,
    actor: User,
    interest: InterestLevel | str,
    next_step: NextStep | str,
    next_step_due: date | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> tuple[MeetingOutcome, Deal | None]:
    """Record a party's outcome of a meeting and, when the party is interested and
    names a next step, start following up the deal (one deal per meeting: the other
    party's later outcome updates its next step)."""
    outcome = record_meeting_outcome(
        meeting=meeting,
        actor=actor,
        interest=interest,
        next_step=next_step,
        next_step_due=next_step_due,
        notes=notes,
        request=request,
    )
    if outcome.interest == InterestLevel.NONE or outcome.next_step == NextStep.NONE:
        return outcome, Deal.objects.filter(meeting=meeting).first()
    meeting = Meeting.objects.select_related(
        "event",
        "request__requester__user",
        "request__requester__organisation",
        "request__recipient__user",
        "request__recipient__organisation",
    ).get(pk=meeting.pk)
    deal = Deal.objects.select_for_update().filter(meeting=meeting).first()
    if deal is None:
        requester, recipient = meeting.parties
        deal = Deal.objects.create(
            titles=_title(meeting),
            first_user=requester.user,
            first_organisation=requester.organisation,
            second_user=recipient.user,
            second_organisation=recipient.organisation,
            event=meeting.event,
            meeting=meeting,
            stage=DealStage.MEETING_HELD,
            stage_changed_at=timezone.now(),
            next_step=outcome.next_step,
            next_step_due=outcome.next_step_due,
            notes=outcome.notes,
            created_by=actor,
        )
        record_action(
            actor=actor,
            action=AuditAction.DEAL_STARTED,
            target=deal,
            details={"meeting": meeting.pk, "next_step": outcome.next_step},
            request=request,
        )
    else:
        deal.next_step = outcome.next_step
        deal.next_step_due = outcome.next_step_due or deal.next_step_due
        deal.notes = "\n\n".join(text for text in (deal.notes, outcome.notes) if text)
        deal.save(update_fields=["next_step", "next_step_due", "notes", "updated_at"])
        record_action(
            actor=actor,
            action=AuditAction.DEAL_UPDATED,
            target=deal,
            details={"meeting": meeting.pk, "next_step": outcome.next_step},
            request=request,
        )
    return outcome, deal
