"""Who may do what at an event: small named predicates shared by pages, services and tasks.

Everything a participant sees of other participants is scoped to one event and needs an
approved registration for it; organisers of the platform run every event.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.accounts.rules import has_role, is_organiser
from techbridge.events.enums import MeetingStatus, RegistrationRole, RequestStatus
from techbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Registration,
)


def _is_signed_in(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def can_manage_event(user: Any, event: Event) -> bool:
    """Approve registrations, run the scheduler, move meetings, check people in, see
    statistics: the platform's organisers."""
    return is_organiser(user)


def can_view_event(user: Any, event: Event) -> bool:
    return event.is_published or can_manage_event(user, event)


def can_register(user: Any, event: Event) -> bool:
    """Signed-in people may register for a published event that is open and not over."""
    return (
        _is_signed_in(user)
        and event.is_published
        and event.is_registration_open
        and event.ends_at >= timezone.now()
    )


def can_register_as_interpreter(user: Any) -> bool:
    return has_role(user, Role.INTERPRETER)


def registration_of(user: Any, event: Event) -> Registration | None:
    """The person's registration for the event, whatever its status."""
    if not _is_signed_in(user):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def is_approved_participant(registration: Registration | None) -> bool:
    return (
        registration is not None
        and registration.is_approved
        and registration.role == RegistrationRole.PARTICIPANT
    )


def can_browse_participants(user: Any, event: Event) -> bool:
    return can_manage_event(user, event) or is_approved_participant(registration_of(user, event))


def can_request_meeting(requester: Registration | None, recipient: Registration) -> bool:
    """Approved participants of the same event, each other, not themselves."""
    return (
        is_approved_participant(requester)
        and is_approved_participant(recipient)
        and requester is not None
        and requester.event_id == recipient.event_id
        and requester.pk != recipient.pk
    )


def can_answer_request(user: Any, request: MeetingRequest) -> bool:
    """The recipient answers a pending request; in an opt-out event the recipient may
    still decline one that was accepted by default."""
    if not _is_signed_in(user) or request.recipient.user_id != user.pk:
        return False
    return request.status == RequestStatus.PENDING or (
        request.status == RequestStatus.ACCEPTED and not request.is_mutual
    )


def can_withdraw_request(user: Any, request: MeetingRequest) -> bool:
    return (
        _is_signed_in(user)
        and request.requester.user_id == user.pk
        and request.status in (RequestStatus.PENDING, RequestStatus.ACCEPTED)
    )


def is_meeting_party(user: Any, meeting: Meeting) -> bool:
    if not _is_signed_in(user):
        return False
    return user.pk in (meeting.request.requester.user_id, meeting.request.recipient.user_id)


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    if not _is_signed_in(user):
        return False
    is_interpreter = meeting.interpreter is not None and meeting.interpreter.user_id == user.pk
    return (
        is_meeting_party(user, meeting) or is_interpreter or can_manage_event(user, meeting.event)
    )


def can_record_outcome(user: Any, meeting: Meeting) -> bool:
    """A party, once the meeting's slot has begun, unless it was cancelled."""
    return (
        is_meeting_party(user, meeting)
        and meeting.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED, MeetingStatus.HELD)
        and meeting.slot.starts_at <= timezone.now()
    )


def can_view_badge(user: Any, registration: Registration) -> bool:
    if not _is_signed_in(user):
        return False
    own = registration.user_id == user.pk and registration.is_approved
    return own or can_manage_event(user, registration.event)
