"""Registration, approval by organisers, badges and check-in."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.accounts.enums import Role
from techbridge.audit.models import AuditEntry
from techbridge.events.badges import badge_code, find_code, registration_pk_for_code
from techbridge.events.enums import (
    Attendance,
    EventFormat,
    MeetingStatus,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from techbridge.events.models import Meeting, MeetingRequest, Registration
from techbridge.events.services.registration import (
    change_registration_status,
    check_in,
    register_for_event,
)
from tests.accounts.factories import user_with_role
from tests.events.factories import EventFactory, registration

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Registration.objects.values_list("pk", "status", "checked_in_at")),
        AuditEntry.objects.count(),
    )


def test_register_with_organisation_counts_its_country_and_keeps_answers(event, day):
    slots, _places = day
    holder = user_with_role(Role.TECHNOLOGY_HOLDER, preferred_language="ru")
    organisation = holder.memberships.get().organisation

    created = register_for_event(
        event=event,
        user=holder,
        participant_type="holder",
        organisation=organisation,
        attendance=Attendance.REMOTE,
        languages=["ru", "en"],
        available_slots=slots[:2],
    )

    assert (created.status, created.country, created.languages) == ("pending", "RU", ["ru", "en"])
    assert list(created.available_slots.order_by("starts_at")) == slots[:2]
    assert AuditEntry.objects.filter(action="events.registered").count() == 1


def test_registering_twice_is_refused(event):
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    fields = {"participant_type": "holder", "country": "RU", "languages": ["ru"]}
    register_for_event(event=event, user=holder, **fields)
    with pytest.raises(ValidationError) as refused:
        register_for_event(event=event, user=holder, **fields)
    assert refused.value.code == "duplicate"
    assert Registration.objects.count() == 1


def test_bad_answers_are_named_by_field(db):
    online = EventFactory(event_format=EventFormat.ONLINE)
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    with pytest.raises(ValidationError) as refused:
        register_for_event(
            event=online,
            user=holder,
            participant_type="holder",
            country="RU",
            attendance=Attendance.ON_SITE,
            languages=[],
        )
    assert set(refused.value.error_dict) == {"attendance", "languages"}
    assert Registration.objects.count() == 0


def test_only_interpreters_register_as_interpreters(event):
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    with pytest.raises(PermissionDenied):
        register_for_event(
            event=event,
            user=holder,
            role=RegistrationRole.INTERPRETER,
            country="RU",
            languages=["ru", "zh"],
        )
    interpreter = user_with_role(Role.INTERPRETER)
    created = register_for_event(
        event=event,
        user=interpreter,
        role=RegistrationRole.INTERPRETER,
        country="RU",
        languages=["ru", "zh"],
    )
    assert (created.role, created.participant_type) == ("interpreter", "")


def test_approval_by_organiser_notifies_and_wrong_role_changes_nothing(
    event, organiser, django_capture_on_commit_callbacks
):
    pending = registration(event, status=RegistrationStatus.PENDING, preferred_language="ru")
    other = user_with_role(Role.TECHNOLOGY_SEEKER)
    before = _snapshot()

    for actor in (other, pending.user):
        with pytest.raises(PermissionDenied):
            change_registration_status(
                registration=pending, to_status=RegistrationStatus.APPROVED, actor=actor
            )
    assert _snapshot() == before

    with django_capture_on_commit_callbacks(execute=True):
        change_registration_status(
            registration=pending, to_status=RegistrationStatus.APPROVED, actor=organiser
        )
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.APPROVED
    assert pending.decided_by == organiser
    assert [message.to for message in mail.outbox] == [[pending.user.email]]


def test_cancelling_a_registration_cancels_meetings_still_to_come(event, day, organiser):
    slots, places = day
    mine = registration(event)
    other = registration(event, country="CN")
    request = MeetingRequest.objects.create(
        event=event,
        requester=mine,
        recipient=other,
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    meeting = Meeting.objects.create(event=event, request=request, slot=slots[0], place=places[0])

    change_registration_status(
        registration=mine, to_status=RegistrationStatus.CANCELLED, actor=mine.user
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_transition_that_does_not_exist_is_refused(event, organiser):
    cancelled = registration(event, status=RegistrationStatus.CANCELLED)
    with pytest.raises(ValidationError):
        change_registration_status(
            registration=cancelled, to_status=RegistrationStatus.APPROVED, actor=organiser
        )


def test_badge_code_round_trip_and_forgeries_refused(event):
    approved = registration(event)
    code = badge_code(approved)
    number, signature = code.split("-")

    assert registration_pk_for_code(code, event_pk=event.pk) == approved.pk
    assert registration_pk_for_code(code.lower(), event_pk=event.pk) == approved.pk
    assert registration_pk_for_code(code, event_pk=event.pk + 1) is None
    assert registration_pk_for_code(f"{int(number) + 1}-{signature}", event_pk=event.pk) is None
    assert registration_pk_for_code(f"{number}-{'A' * 8}", event_pk=event.pk) is None
    assert registration_pk_for_code("", event_pk=event.pk) is None
    assert find_code(f"https://techbridge.example/en/events/1/check-in/?code={code}") == code


def test_check_in_is_once_and_refuses_foreign_or_unapproved_badges(event, organiser):
    approved = registration(event)
    pending = registration(event, status=RegistrationStatus.PENDING)
    elsewhere = registration(EventFactory())

    checked, is_new = check_in(event=event, code=badge_code(approved), actor=organiser)
    again, is_new_again = check_in(event=event, code=badge_code(approved), actor=organiser)

    assert (checked.pk, is_new, is_new_again) == (approved.pk, True, False)
    assert again.checked_in_at == checked.checked_in_at
    for code, reason in (
        (badge_code(pending), "not_approved"),
        (badge_code(elsewhere), "unknown_badge"),
    ):
        with pytest.raises(ValidationError) as refused:
            check_in(event=event, code=code, actor=organiser)
        assert refused.value.code == reason
    assert AuditEntry.objects.filter(action="events.checked_in").count() == 1


def test_check_in_by_a_participant_is_refused_and_changes_nothing(event):
    approved = registration(event)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        check_in(event=event, code=badge_code(approved), actor=approved.user)
    assert _snapshot() == before
