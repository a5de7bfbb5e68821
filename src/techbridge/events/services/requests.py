"""Meeting requests between participants of an event.

    pending ──accept──▶ accepted ──(decline: opt-out events)──▶ declined
       │ └──decline──▶ declined      │
       └──withdraw──▶ withdrawn ◀────┘  (by the requester)

In an opt-out event a new request starts accepted. When the recipient of a request asks
for the same meeting themself, the first request becomes accepted and mutual instead of
a second one being created. A request declined or withdrawn cancels its meeting, if
the meeting has not taken place.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.core.text import detect_language
from techbridge.events import rules, suggestions
from techbridge.events.enums import MeetingStatus, RequestPolicy, RequestStatus
from techbridge.events.models import Meeting, MeetingRequest, Registration
from techbridge.events.services.meetings import change_meeting_status
from techbridge.events.services.notifications import notify

S = RequestStatus

# (from, to) → who may make the change: "recipient" or "requester".
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PENDING, S.ACCEPTED): "recipient",
    (S.PENDING, S.DECLINED): "recipient",
    (S.ACCEPTED, S.DECLINED): "recipient",
    (S.PENDING, S.WITHDRAWN): "requester",
    (S.ACCEPTED, S.WITHDRAWN): "requester",
}


def sent_request_count(registration: Registration) -> int:
    """Requests that count against the sender's cap: all but withdrawn ones."""
    return registration.sent_requests.exclude(status=S.WITHDRAWN).count()


@transaction.atomic
def request_meeting(
    *,
    requester: Registration,
    recipient: Registration,
    message: str,
    actor: User,
    request: HttpRequest | None = None,
) -> MeetingRequest:
    """``requester`` asks ``recipient`` for a meeting. Returns the request: a new one, or
    the recipient's earlier request to the requester, now accepted and mutual. Raises
    ``ValidationError`` when the sender has used up the event's cap or has already
    asked."""
    if requester.user_id != actor.pk or not rules.can_request_meeting(requester, recipient):
        raise PermissionDenied
    event = requester.event
    reverse = (
        MeetingRequest.objects.select_for_update()
        .filter(requester=recipient, recipient=requester, status__in=(S.PENDING, S.ACCEPTED))
        .first()
    )
    if reverse is not None:
        reverse.is_mutual = True
        reverse.save(update_fields=["is_mutual", "updated_at"])
        if reverse.status == S.PENDING:
            return change_request_status(
                meeting_request=reverse, to_status=S.ACCEPTED, actor=actor, request=request
            )
        return reverse
    if MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists():
        raise ValidationError(_("You have already asked this participant."), code="duplicate")
    if sent_request_count(requester) >= event.max_requests_per_participant:
        raise ValidationError(
            ngettext(
                "You have sent the %(count)d meeting request this event allows.",
                "You have sent the %(count)d meeting requests this event allows.",
                event.max_requests_per_participant,
            )
            % {"count": event.max_requests_per_participant},
            code="cap",
        )
    text = message.strip()
    if not text:
        raise ValidationError({"message": [_("Say what you would like to talk about.")]})
    accepted_by_default = event.request_policy == RequestPolicy.OPT_OUT
    now = timezone.now()
    meeting_request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        message=text,
        message_language=detect_language(text).language or actor.preferred_language[:2],
        status=S.ACCEPTED if accepted_by_default else S.PENDING,
        answered_at=now if accepted_by_default else None,
        match_score=suggestions.match_score(requester, recipient),
    )
    record_action(
        actor=actor,
        action=AuditAction.MEETING_REQUESTED,
        target=meeting_request,
        details={"event": event.pk, "recipient": recipient.pk},
        request=request,
    )
    transaction.on_commit(
        lambda: notify(
            [recipient.user],
            "meeting_requested",
            event=event,
            view_name="events:requests",
            meeting_request=meeting_request,
        )
    )
    return meeting_request


@transaction.atomic
def change_request_status(
    *,
    meeting_request: MeetingRequest,
    to_status: RequestStatus | str,
    actor: User,
    request: HttpRequest | None = None,
) -> MeetingRequest:
    """The one way to accept, decline or withdraw a meeting request; checks the
    transition and who makes it, audits, cancels a meeting that will not happen, and
    tells the other party."""
    meeting_request = (
        MeetingRequest.objects.select_for_update()
        .select_related("requester__user", "recipient__user", "event")
        .get(pk=meeting_request.pk)
    )
    source, target = meeting_request.status, RequestStatus(to_status)
    party = TRANSITIONS.get((source, target))
    if party is None:
        raise ValidationError(
            _("A request that is “%(source)s” cannot become “%(target)s”.")
            % {"source": RequestStatus(source).label, "target": target.label},
            code="invalid_transition",
        )
    allowed = (
        rules.can_answer_request(actor, meeting_request)
        if party == "recipient"
        else rules.can_withdraw_request(actor, meeting_request)
    )
    if not allowed:
        raise PermissionDenied
    meeting_request.status = target
    meeting_request.answered_at = timezone.now()
    meeting_request.save(update_fields=["status", "answered_at", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.MEETING_REQUEST_STATUS_CHANGED,
        target=meeting_request,
        details={"from": source, "to": target.value},
        request=request,
    )
    if target in (S.DECLINED, S.WITHDRAWN):
        for meeting in Meeting.objects.filter(
            request=meeting_request, status__in=(MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)
        ):
            change_meeting_status(
                meeting=meeting,
                to_status=MeetingStatus.CANCELLED,
                actor=actor,
                request=request,
                checked_by_caller=True,
            )
    other = (meeting_request.requester if party == "recipient" else meeting_request.recipient).user
    transaction.on_commit(
        lambda: notify(
            [other],
            f"meeting_request_{target.value}",
            event=meeting_request.event,
            view_name="events:requests",
            meeting_request=meeting_request,
        )
    )
    return meeting_request
