"""Meeting requests (opt-in, opt-out, mutual, caps), meeting states, confirmation,
outcomes that start deals, and reminders to book."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.audit.models import AuditEntry
from techbridge.deals.enums import DealStage
from techbridge.deals.models import Deal
from techbridge.deals.services import change_deal_stage, record_outcome_and_follow_up
from techbridge.events.enums import (
    InterestLevel,
    MeetingStatus,
    NextStep,
    RequestPolicy,
    RequestStatus,
)
from techbridge.events.models import Meeting, MeetingOutcome, MeetingRequest
from techbridge.events.services.meetings import change_meeting_status, confirm_proposed_meetings
from techbridge.events.services.reminders import remind_to_book
from techbridge.events.services.requests import change_request_status, request_meeting
from tests.accounts.factories import user_with_role
from tests.events.factories import registration

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(MeetingRequest.objects.values_list("pk", "status", "is_mutual")),
        sorted(Meeting.objects.values_list("pk", "status", "slot_id")),
        sorted(Deal.objects.values_list("pk", "stage")),
        AuditEntry.objects.count(),
    )


def test_opt_in_request_waits_for_the_recipient_who_is_told(
    event, django_capture_on_commit_callbacks
):
    holder = registration(event)
    investor = registration(event, country="CN", preferred_language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        created = request_meeting(
            requester=holder, recipient=investor, message="Обсудим сплавы?", actor=holder.user
        )

    assert (created.status, created.message_language, created.is_mutual) == ("pending", "ru", False)
    assert created.match_score is None  # neither has catalogue items
    assert [message.to for message in mail.outbox] == [[investor.user.email]]


def test_opt_out_request_is_accepted_unless_declined(event):
    event.request_policy = RequestPolicy.OPT_OUT
    event.save()
    holder, investor = registration(event), registration(event, country="CN")

    created = request_meeting(requester=holder, recipient=investor, message="…", actor=holder.user)
    assert created.status == RequestStatus.ACCEPTED

    change_request_status(
        meeting_request=created, to_status=RequestStatus.DECLINED, actor=investor.user
    )
    created.refresh_from_db()
    assert created.status == RequestStatus.DECLINED


def test_asking_back_makes_the_request_mutual_and_accepted(event):
    holder, investor = registration(event), registration(event, country="CN")
    first = request_meeting(requester=holder, recipient=investor, message="…", actor=holder.user)

    answer = request_meeting(
        requester=investor, recipient=holder, message="我们也想见面", actor=investor.user
    )

    assert answer.pk == first.pk
    first.refresh_from_db()
    assert (first.status, first.is_mutual, first.weight) == ("accepted", True, 2.0)
    assert MeetingRequest.objects.count() == 1


def test_the_cap_on_requests_is_enforced(event):
    event.max_requests_per_participant = 1
    event.save()
    holder = registration(event)
    request_meeting(
        requester=holder,
        recipient=registration(event, country="CN"),
        message="…",
        actor=holder.user,
    )
    with pytest.raises(ValidationError) as refused:
        request_meeting(
            requester=holder,
            recipient=registration(event, country="CN"),
            message="…",
            actor=holder.user,
        )
    assert refused.value.code == "cap"
    assert MeetingRequest.objects.count() == 1


def test_requests_only_between_approved_participants_by_themselves(event):
    holder = registration(event)
    pending = registration(event, status="pending", country="CN")
    interpreter = registration(event, role=Role.INTERPRETER, languages=["ru", "zh"])
    approved = registration(event, country="CN")
    before = _state()
    for requester, recipient, actor in (
        (holder, pending, holder.user),
        (holder, interpreter, holder.user),
        (holder, approved, approved.user),
        (holder, holder, holder.user),
    ):
        with pytest.raises(PermissionDenied):
            request_meeting(requester=requester, recipient=recipient, message="…", actor=actor)
    assert _state() == before


def test_only_the_recipient_answers_and_only_the_requester_withdraws(event, organiser):
    holder, investor = registration(event), registration(event, country="CN")
    created = request_meeting(requester=holder, recipient=investor, message="…", actor=holder.user)
    before = _state()
    stranger = user_with_role(Role.TECHNOLOGY_SEEKER)
    for actor in (holder.user, stranger, organiser):
        with pytest.raises(PermissionDenied):
            change_request_status(
                meeting_request=created, to_status=RequestStatus.ACCEPTED, actor=actor
            )
    with pytest.raises(PermissionDenied):
        change_request_status(
            meeting_request=created, to_status=RequestStatus.WITHDRAWN, actor=investor.user
        )
    assert _state() == before

    change_request_status(
        meeting_request=created, to_status=RequestStatus.ACCEPTED, actor=investor.user
    )
    created.refresh_from_db()
    assert created.status == RequestStatus.ACCEPTED


def _meeting(event, day, *, status=MeetingStatus.PROPOSED, started=False):
    slots, places = day
    if started:
        slots[0].starts_at = timezone.now() - timedelta(minutes=10)
        slots[0].ends_at = timezone.now() + timedelta(minutes=10)
        slots[0].save()
    holder = registration(event, preferred_language="ru")
    investor = registration(event, country="CN", languages=["zh"], preferred_language="zh-hans")
    request = MeetingRequest.objects.create(
        event=event,
        requester=holder,
        recipient=investor,
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    return Meeting.objects.create(
        event=event, request=request, slot=slots[0], place=places[0], status=status
    )


def test_withdrawing_an_accepted_request_cancels_its_meeting(event, day):
    meeting = _meeting(event, day, status=MeetingStatus.CONFIRMED)
    change_request_status(
        meeting_request=meeting.request,
        to_status=RequestStatus.WITHDRAWN,
        actor=meeting.request.requester.user,
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_confirming_the_schedule_tells_each_person_once(
    event, day, organiser, django_capture_on_commit_callbacks
):
    meeting = _meeting(event, day)
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm_proposed_meetings(event=event, actor=organiser) == 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        party.user.email for party in meeting.parties
    )


def test_meeting_state_changes_check_who_and_when(event, day, organiser):
    meeting = _meeting(event, day)
    party = meeting.request.requester.user
    stranger = user_with_role(Role.TECHNOLOGY_SEEKER)
    before = _state()
    with pytest.raises(PermissionDenied):
        change_meeting_status(meeting=meeting, to_status=MeetingStatus.CONFIRMED, actor=party)
    with pytest.raises(PermissionDenied):
        change_meeting_status(meeting=meeting, to_status=MeetingStatus.CANCELLED, actor=stranger)
    # Not held before its slot has begun, whoever says so.
    with pytest.raises(PermissionDenied):
        change_meeting_status(meeting=meeting, to_status=MeetingStatus.HELD, actor=organiser)
    with pytest.raises(ValidationError):
        change_meeting_status(meeting=meeting, to_status=MeetingStatus.PROPOSED, actor=organiser)
    assert _state() == before

    change_meeting_status(meeting=meeting, to_status=MeetingStatus.CANCELLED, actor=party)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_outcome_marks_the_meeting_held_and_starts_one_deal(event, day):
    meeting = _meeting(event, day, started=True)
    holder, investor = meeting.parties

    outcome, deal = record_outcome_and_follow_up(
        meeting=meeting,
        actor=holder.user,
        interest=InterestLevel.HIGH,
        next_step=NextStep.SITE_VISIT,
        notes="Приедем на завод в мае.",
    )
    _second, same_deal = record_outcome_and_follow_up(
        meeting=meeting, actor=investor.user, interest=InterestLevel.SOME, next_step=NextStep.NDA
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert (outcome.interest, outcome.next_step) == ("high", "visit")
    assert same_deal.pk == deal.pk
    deal.refresh_from_db()
    assert (deal.stage, deal.next_step, deal.event_id) == (
        DealStage.MEETING_HELD,
        NextStep.NDA,
        event.pk,
    )
    assert set(deal.titles) == {"zh", "ru", "en"}
    with pytest.raises(ValidationError):
        record_outcome_and_follow_up(
            meeting=meeting, actor=holder.user, interest="high", next_step="nda"
        )
    assert MeetingOutcome.objects.count() == 2


def test_no_interest_records_the_outcome_without_a_deal(event, day):
    meeting = _meeting(event, day, started=True)
    outcome, deal = record_outcome_and_follow_up(
        meeting=meeting,
        actor=meeting.request.requester.user,
        interest=InterestLevel.NONE,
        next_step=NextStep.NONE,
    )
    assert (outcome.interest, deal) == ("none", None)


def test_outcome_before_the_meeting_or_by_a_stranger_is_refused(event, day):
    meeting = _meeting(event, day)
    before = _state()
    for actor in (meeting.request.requester.user, user_with_role(Role.TECHNOLOGY_SEEKER)):
        with pytest.raises(PermissionDenied):
            record_outcome_and_follow_up(
                meeting=meeting, actor=actor, interest="high", next_step="nda"
            )
    assert _state() == before
    assert MeetingOutcome.objects.count() == 0


def test_deal_stage_moves_forward_and_refusals_change_nothing(event, day, organiser):
    meeting = _meeting(event, day, started=True)
    _outcome, deal = record_outcome_and_follow_up(
        meeting=meeting, actor=meeting.request.requester.user, interest="high", next_step="nda"
    )
    before = _state()
    with pytest.raises(PermissionDenied):
        change_deal_stage(
            deal=deal, to_stage=DealStage.NDA, actor=user_with_role(Role.TECHNOLOGY_SEEKER)
        )
    with pytest.raises(ValidationError):
        change_deal_stage(deal=deal, to_stage=DealStage.CONTACTED, actor=organiser)
    assert _state() == before

    change_deal_stage(deal=deal, to_stage=DealStage.LANDED, actor=organiser, value=5_000_000)
    deal.refresh_from_db()
    assert (deal.stage, deal.value, deal.landed_at) == ("landed", 5_000_000, timezone.localdate())
    assert AuditEntry.objects.filter(action="deals.stage_changed").count() == 1


def test_reminders_go_once_to_participants_without_requests(
    event, day, django_capture_on_commit_callbacks
):
    idle = registration(event, preferred_language="zh-hans")
    busy = registration(event, country="CN")
    registration(event, status="pending")
    request_meeting(
        requester=busy, recipient=registration(event, country="CN"), message="…", actor=busy.user
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = remind_to_book()
    with django_capture_on_commit_callbacks(execute=True):
        second = remind_to_book()

    # The recipient of busy's pending request has not accepted anything either.
    assert (first, second) == (2, 0)
    assert idle.user.email in [message.to[0] for message in mail.outbox]
    assert busy.user.email not in [message.to[0] for message in mail.outbox]
