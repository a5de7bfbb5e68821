"""Registration for an event, its approval by organisers, changes of availability, and
check-in at the door.

    pending ──approve──▶ approved ──decline──▶ declined ──approve──▶ approved
       │  └──decline──▶ declined       │
       └──────cancel──────▶ cancelled ◀┘  (by the person or an organiser)

Declining or cancelling an approved registration cancels the person's meetings that
have not taken place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.rules import acting_memberships
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.events import rules
from techbridge.events.badges import registration_pk_for_code
from techbridge.events.enums import (
    Attendance,
    MeetingStatus,
    RegistrationRole,
    RegistrationStatus,
)
from techbridge.events.models import Event, Meeting, MeetingSlot, Registration
from techbridge.events.services.meetings import change_meeting_status
from techbridge.events.services.notifications import notify
from techbridge.i18n_text import CONTENT_LANGUAGES

R = RegistrationStatus

# (from, to) → whether the person themself may make it; organisers may make them all.
TRANSITIONS: dict[tuple[str, str], bool] = {
    (R.PENDING, R.APPROVED): False,
    (R.PENDING, R.DECLINED): False,
    (R.APPROVED, R.DECLINED): False,
    (R.DECLINED, R.APPROVED): False,
    (R.PENDING, R.CANCELLED): True,
    (R.APPROVED, R.CANCELLED): True,
}


def _check_details(
    event: Event,
    *,
    attendance: str,
    languages: list[str],
    available_slots: Iterable[MeetingSlot],
) -> list[MeetingSlot]:
    """Validate what the scheduler needs; return the chosen slots."""
    errors: dict[str, list[str]] = {}
    if attendance == Attendance.REMOTE and not event.offers_remote_attendance:
        errors["attendance"] = [_("This event takes place on site only.")]
    if attendance == Attendance.ON_SITE and not event.offers_on_site_attendance:
        errors["attendance"] = [_("This event takes place online only.")]
    if not languages or any(language not in CONTENT_LANGUAGES for language in languages):
        errors["languages"] = [_("Choose at least one language you can hold a meeting in.")]
    slots = list(available_slots)
    if any(slot.event_id != event.pk for slot in slots):
        errors["available_slots"] = [_("Choose slots of this event's meeting day.")]
    if errors:
        raise ValidationError(errors)
    return slots


@transaction.atomic
def register_for_event(
    *,
    event: Event,
    user: User,
    role: RegistrationRole | str = RegistrationRole.PARTICIPANT,
    participant_type: str = "",
    organisation: Organisation | None = None,
    country: str = "",
    attendance: Attendance | str = Attendance.ON_SITE,
    languages: list[str],
    available_slots: Iterable[MeetingSlot] = (),
    request: HttpRequest | None = None,
) -> Registration:
    """Register ``user`` for ``event``; organisers approve it later. Participants give
    their type; interpreters must hold the interpreter role. The side counted in the
    statistics is the organisation's country, else ``country``."""
    if not rules.can_register(user, event):
        raise PermissionDenied
    if role == RegistrationRole.INTERPRETER and not rules.can_register_as_interpreter(user):
        raise PermissionDenied
    if organisation is not None and not (
        acting_memberships(user).filter(organisation=organisation).exists()
    ):
        raise PermissionDenied
    if role == RegistrationRole.PARTICIPANT and not participant_type:
        raise ValidationError({"participant_type": [_("Say what you take part as.")]})
    side = organisation.country if organisation is not None else country
    if not side:
        raise ValidationError({"country": [_("Say which country you come from.")]})
    slots = _check_details(
        event, attendance=attendance, languages=languages, available_slots=available_slots
    )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                organisation=organisation,
                role=role,
                participant_type=participant_type if role == RegistrationRole.PARTICIPANT else "",
                country=side,
                attendance=attendance,
                languages=[language for language in CONTENT_LANGUAGES if language in languages],
                status_changed_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("You are already registered for this event."), code="duplicate"
        ) from None
    registration.available_slots.set(slots)
    record_action(
        actor=user,
        action=AuditAction.EVENT_REGISTERED,
        target=registration,
        details={"event": event.pk, "role": str(role)},
        request=request,
    )
    return registration


@transaction.atomic
def update_registration(
    *,
    registration: Registration,
    actor: User,
    attendance: Attendance | str,
    languages: list[str],
    available_slots: Iterable[MeetingSlot],
    request: HttpRequest | None = None,
) -> Registration:
    """The person (or an organiser) changes attendance, languages or free slots. Meetings
    already placed stay; the next scheduling run respects the new answers."""
    event = registration.event
    is_own = registration.user_id == actor.pk
    if not (is_own or rules.can_manage_event(actor, event)):
        raise PermissionDenied
    if registration.status in (R.DECLINED, R.CANCELLED) or event.ends_at < timezone.now():
        raise PermissionDenied
    slots = _check_details(
        event, attendance=attendance, languages=languages, available_slots=available_slots
    )
    registration.attendance = attendance
    registration.languages = [language for language in CONTENT_LANGUAGES if language in languages]
    registration.save(update_fields=["attendance", "languages", "updated_at"])
    registration.available_slots.set(slots)
    record_action(
        actor=actor,
        action=AuditAction.REGISTRATION_UPDATED,
        target=registration,
        details={
            "attendance": str(attendance),
            "languages": registration.languages,
            "slots": [slot.pk for slot in slots],
        },
        request=request,
    )
    return registration


@transaction.atomic
def change_registration_status(
    *,
    registration: Registration,
    to_status: RegistrationStatus | str,
    actor: User,
    request: HttpRequest | None = None,
) -> Registration:
    """The one way to approve, decline or cancel a registration. Raises
    ``ValidationError`` for a transition that does not exist and ``PermissionDenied``
    for one the actor may not make; nothing changes then."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    source, target = registration.status, RegistrationStatus(to_status)
    allowed_for_self = TRANSITIONS.get((source, target))
    if allowed_for_self is None:
        raise ValidationError(
            _("A registration that is “%(source)s” cannot become “%(target)s”.")
            % {"source": RegistrationStatus(source).label, "target": target.label},
            code="invalid_transition",
        )
    is_own = registration.user_id == actor.pk
    if not (rules.can_manage_event(actor, registration.event) or (allowed_for_self and is_own)):
        raise PermissionDenied
    registration.status = target
    registration.status_changed_at = timezone.now()
    registration.decided_by = actor
    registration.save(update_fields=["status", "status_changed_at", "decided_by", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.REGISTRATION_STATUS_CHANGED,
        target=registration,
        details={"from": source, "to": target.value},
        request=request,
    )
    if target in (R.DECLINED, R.CANCELLED):
        _cancel_open_meetings(registration, actor=actor, request=request)
    if target in (R.APPROVED, R.DECLINED) and not is_own:
        template = "registration_approved" if target == R.APPROVED else "registration_declined"
        transaction.on_commit(
            lambda: notify(
                [registration.user], template, event=registration.event, registration=registration
            )
        )
    return registration


def _cancel_open_meetings(
    registration: Registration, *, actor: User, request: HttpRequest | None
) -> None:
    open_meetings = Meeting.objects.filter(
        Q(request__requester=registration)
        | Q(request__recipient=registration)
        | Q(interpreter=registration),
        status__in=(MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
    )
    for meeting in open_meetings:
        change_meeting_status(
            meeting=meeting,
            to_status=MeetingStatus.CANCELLED,
            actor=actor,
            request=request,
            checked_by_caller=True,
        )


@transaction.atomic
def check_in(
    *, event: Event, code: str, actor: User, request: HttpRequest | None = None
) -> tuple[Registration, bool]:
    """Check in the holder of the badge ``code``. Returns the registration and whether
    this scan checked them in (``False``: they had already been checked in). Raises
    ``ValidationError`` for a code that is not a valid badge of an approved
    registration of this event."""
    if not rules.can_manage_event(actor, event):
        raise PermissionDenied
    registration_pk = registration_pk_for_code(code, event_pk=event.pk)
    registration = (
        # Only the registration row is locked: its organisation may be absent (an
        # outer join PostgreSQL cannot lock).
        Registration.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .filter(pk=registration_pk, event=event)
        .first()
        if registration_pk is not None
        else None
    )
    if registration is None:
        raise ValidationError(_("This is not a badge of this event."), code="unknown_badge")
    if not registration.is_approved:
        raise ValidationError(
            _("This registration is “%(status)s”: do not let the holder in without an organiser.")
            % {"status": registration.get_status_display()},
            code="not_approved",
        )
    if registration.checked_in_at is not None:
        return registration, False
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    record_action(actor=actor, action=AuditAction.CHECKED_IN, target=registration, request=request)
    return registration, True
