"""Meetings after the scheduler placed them: status changes, confirmation of the
schedule, moves by hand with the core's conflict check, and outcomes.

    proposed ──confirm──▶ confirmed ──▶ held
        │  └──────────────────┴──────▶ held · no-show · cancelled
        └──▶ cancelled

Organisers confirm; parties and organisers say a meeting was held (the outcome form
does it), that a party did not come, or cancel it. A new scheduling run replaces the
proposed meetings and keeps the confirmed and held ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.events import rules, scheduling
from techbridge.events.enums import InterestLevel, MeetingStatus, NextStep
from techbridge.events.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingPlace,
    MeetingSlot,
    Registration,
)
from techbridge.events.services.notifications import notify

M = MeetingStatus


@dataclass(frozen=True)
class Transition:
    """Who may make a change: organisers, the meeting's parties; and whether the
    meeting's slot must have begun (one cannot have held a meeting in the future)."""

    parties: bool = False
    after_start: bool = False


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (M.PROPOSED, M.CONFIRMED): Transition(),
    (M.PROPOSED, M.CANCELLED): Transition(parties=True),
    (M.CONFIRMED, M.CANCELLED): Transition(parties=True),
    (M.PROPOSED, M.HELD): Transition(parties=True, after_start=True),
    (M.CONFIRMED, M.HELD): Transition(parties=True, after_start=True),
    (M.PROPOSED, M.NO_SHOW): Transition(parties=True, after_start=True),
    (M.CONFIRMED, M.NO_SHOW): Transition(parties=True, after_start=True),
    (M.NO_SHOW, M.HELD): Transition(),
}


def allowed_meeting_transitions(meeting: Meeting, actor: User) -> list[str]:
    """The states ``actor`` may move ``meeting`` to now."""
    return [
        target
        for (source, target), transition in TRANSITIONS.items()
        if source == meeting.status and _may(actor, meeting, transition)
    ]


def _may(actor: User, meeting: Meeting, transition: Transition) -> bool:
    if transition.after_start and meeting.slot.starts_at > timezone.now():
        return False
    if rules.can_manage_event(actor, meeting.event):
        return True
    return transition.parties and rules.is_meeting_party(actor, meeting)


@transaction.atomic
def change_meeting_status(
    *,
    meeting: Meeting,
    to_status: MeetingStatus | str,
    actor: User,
    request: HttpRequest | None = None,
    checked_by_caller: bool = False,
    notify_parties: bool = True,
) -> Meeting:
    """The one way to change a meeting's status. Raises ``ValidationError`` for a
    transition that does not exist, ``PermissionDenied`` for one the actor may not make.

    ``checked_by_caller`` is for services that cancel meetings as a consequence of a
    change they have authorised themselves (a declined request, a cancelled
    registration)."""
    meeting = (
        Meeting.objects.select_for_update()
        .select_related(
            "event", "slot", "place", "request__requester__user", "request__recipient__user"
        )
        .get(pk=meeting.pk)
    )
    source, target = meeting.status, MeetingStatus(to_status)
    transition = TRANSITIONS.get((source, target))
    if transition is None:
        raise ValidationError(
            _("A meeting that is “%(source)s” cannot become “%(target)s”.")
            % {"source": MeetingStatus(source).label, "target": target.label},
            code="invalid_transition",
        )
    if not checked_by_caller and not _may(actor, meeting, transition):
        raise PermissionDenied
    meeting.status = target
    meeting.status_changed_at = timezone.now()
    meeting.save(update_fields=["status", "status_changed_at", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.MEETING_STATUS_CHANGED,
        target=meeting,
        details={"from": source, "to": target.value},
        request=request,
    )
    if notify_parties and target in (M.CONFIRMED, M.CANCELLED):
        people = [party.user for party in meeting.parties if party.user_id != actor.pk]
        transaction.on_commit(
            lambda: notify(
                people,
                f"meeting_{target.value}",
                event=meeting.event,
                view_name="events:agenda",
                meeting=meeting,
            )
        )
    return meeting


@transaction.atomic
def confirm_proposed_meetings(
    *, event: Event, actor: User, request: HttpRequest | None = None
) -> int:
    """Confirm every proposed meeting of the event and send each person concerned one
    message with their schedule. Returns how many were confirmed."""
    if not rules.can_manage_event(actor, event):
        raise PermissionDenied
    meetings = list(
        Meeting.objects.filter(event=event, status=M.PROPOSED).select_related(
            "request__requester__user", "request__recipient__user", "interpreter__user"
        )
    )
    people: dict[int, User] = {}
    for meeting in meetings:
        change_meeting_status(
            meeting=meeting,
            to_status=M.CONFIRMED,
            actor=actor,
            request=request,
            notify_parties=False,
        )
        for registration in (*meeting.parties, meeting.interpreter):
            if registration is not None:
                people[registration.user_id] = registration.user
    recipients = list(people.values())
    transaction.on_commit(
        lambda: notify(recipients, "schedule_confirmed", event=event, view_name="events:agenda")
    )
    return len(meetings)


class MeetingMoveRefused(Exception):
    """A move that creates conflicts, not confirmed by the organiser: nothing changed."""

    def __init__(self, findings: list[scheduling.Finding]) -> None:
        self.findings = findings
        super().__init__("; ".join(finding.message for finding in findings))


@transaction.atomic
def move_meeting(
    *,
    meeting: Meeting,
    slot: MeetingSlot,
    place: MeetingPlace,
    interpreter: Registration | None,
    actor: User,
    accept_conflicts: bool = False,
    request: HttpRequest | None = None,
) -> list[scheduling.Finding]:
    """An organiser moves a meeting by hand. Every conflict the move creates is found
    with the scheduler's own check; unless ``accept_conflicts``, a move with conflicts
    raises ``MeetingMoveRefused`` and changes nothing. Returns the conflicts accepted."""
    meeting = Meeting.objects.select_for_update().select_related("event").get(pk=meeting.pk)
    if not rules.can_manage_event(actor, meeting.event):
        raise PermissionDenied
    if meeting.status not in (M.PROPOSED, M.CONFIRMED):
        raise ValidationError(_("Only meetings that have not taken place can be moved."))
    if slot.event_id != meeting.event_id or place.event_id != meeting.event_id:
        raise PermissionDenied
    findings = scheduling.check_move(meeting, slot=slot, place=place, interpreter=interpreter)
    if findings and not accept_conflicts:
        raise MeetingMoveRefused(findings)
    before = {
        "slot": meeting.slot_id,
        "place": meeting.place_id,
        "interpreter": meeting.interpreter_id,
    }
    meeting.slot, meeting.place, meeting.interpreter = slot, place, interpreter
    meeting.save(update_fields=["slot", "place", "interpreter", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.MEETING_MOVED,
        target=meeting,
        details={
            "from": before,
            "to": {
                "slot": slot.pk,
                "place": place.pk,
                "interpreter": getattr(interpreter, "pk", None),
            },
            "conflicts_accepted": [finding.message for finding in findings],
        },
        request=request,
    )
    if meeting.status == M.CONFIRMED:
        people = [party.user for party in meeting.parties]
        transaction.on_commit(
            lambda: notify(
                people,
                "meeting_moved",
                event=meeting.event,
                view_name="events:agenda",
                meeting=meeting,
            )
        )
    return findings


@transaction.atomic
def record_meeting_outcome(
    *,
    meeting: Meeting,
    actor: User,
    interest: InterestLevel | str,
    next_step: NextStep | str,
    next_step_due: date | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> MeetingOutcome:
    """A party says how the meeting went. The meeting becomes held if it was not yet;
    each party records one outcome (a second raises ``ValidationError``)."""
    meeting = Meeting.objects.select_related(
        "event", "slot", "request__requester", "request__recipient"
    ).get(pk=meeting.pk)
    if not rules.can_record_outcome(actor, meeting):
        raise PermissionDenied
    registration = next(party for party in meeting.parties if party.user_id == actor.pk)
    if meeting.status != M.HELD:
        change_meeting_status(meeting=meeting, to_status=M.HELD, actor=actor, request=request)
    try:
        with transaction.atomic():
            outcome = MeetingOutcome.objects.create(
                meeting=meeting,
                registration=registration,
                interest=InterestLevel(interest),
                next_step=NextStep(next_step),
                next_step_due=next_step_due,
                notes=notes.strip(),
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already recorded the outcome of this meeting."), code="duplicate"
        ) from None
    record_action(
        actor=actor,
        action=AuditAction.MEETING_OUTCOME_RECORDED,
        target=meeting,
        details={"interest": str(interest), "next_step": str(next_step)},
        request=request,
    )
    return outcome
