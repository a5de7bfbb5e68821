"""Applications: one state-change service that checks transitions, audits, notifies;
the automatic eligibility check; late submissions refused in the applicant's zone."""

import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone, translation

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.models import CallQuestion, RequiredAttachment, Submission
from techbridge.calls.services.submissions import (
    change_submission_status,
    confirm_eligibility,
    start_application,
)
from tests.calls.factories import application, holder_offer

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_submit_runs_the_eligibility_check_and_emails_the_result(
    call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = application(call, preferred_language="ru")
    assert submission.status == S.ELIGIBLE
    assert submission.snapshot["titles"] == submission.offer.titles
    assert "organisation" not in submission.snapshot
    assert [message.to for message in mail.outbox] == [[submission.applicant.email]]
    assert "P-001" in mail.outbox[0].subject
    changes = list(
        AuditEntry.objects.filter(action=AuditAction.SUBMISSION_STATUS_CHANGED)
        .order_by("id")
        .values_list("details", flat=True)
    )
    assert [(change["from"], change["to"]) for change in changes] == [
        ("draft", "submitted"),
        ("submitted", "eligible"),
    ]


def test_submission_breaking_the_rules_is_ineligible_with_reasons(call):
    call.minimum_readiness_level = 7
    call.eligible_countries = ["CN"]
    call.save()
    RequiredAttachment.objects.create(call=call, labels={"en": "Pitch deck"})
    question = CallQuestion.objects.create(
        call=call, texts={"en": "Do you hold the rights?"}, required_answer=True
    )
    holder, offer = holder_offer()
    submission = start_application(call=call, applicant=holder, offer=offer)
    submission.answers = {str(question.pk): False}
    submission.save()
    submission = change_submission_status(
        submission=submission, to_status=S.SUBMITTED, actor=holder
    )
    assert submission.status == S.INELIGIBLE
    assert [problem["code"] for problem in submission.eligibility_problems] == [
        "readiness",
        "country",
        "document",
        "answer",
    ]


def test_unanswered_question_refuses_submission_and_changes_nothing(call):
    CallQuestion.objects.create(call=call, texts={"en": "Ready to travel?"})
    submission = application(call, submit=False)
    with pytest.raises(ValidationError):
        change_submission_status(
            submission=submission, to_status=S.SUBMITTED, actor=submission.applicant
        )
    submission.refresh_from_db()
    assert submission.status == S.DRAFT
    assert submission.submitted_at is None


def test_late_submission_is_refused_with_the_deadline_in_the_applicants_zone(call):
    submission = application(call, submit=False, time_zone="Asia/Yekaterinburg")
    call.closes_at = timezone.now() - timedelta(minutes=5)
    call.save()
    local = timezone.localtime(call.closes_at, zoneinfo.ZoneInfo("Asia/Yekaterinburg"))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        change_submission_status(
            submission=submission, to_status=S.SUBMITTED, actor=submission.applicant
        )
    with translation.override("en"):
        expected = formats.date_format(local, "DATETIME_FORMAT")
    assert refused.value.messages == [
        f"The call closed on {expected} (Asia/Yekaterinburg); late applications cannot be accepted."
    ]
    assert local.utcoffset() == timedelta(hours=5)
    submission.refresh_from_db()
    assert submission.status == S.DRAFT


def test_only_the_applicant_submits(call, organiser):
    submission = application(call, submit=False)
    with pytest.raises(PermissionDenied):
        change_submission_status(submission=submission, to_status=S.SUBMITTED, actor=organiser)
    assert Submission.objects.get(pk=submission.pk).status == S.DRAFT


def test_impossible_transition_is_refused(call, organiser):
    submission = application(call)
    with pytest.raises(ValidationError):
        change_submission_status(submission=submission, to_status=S.SELECTED, actor=organiser)
    assert Submission.objects.get(pk=submission.pk).status == S.ELIGIBLE


def test_organiser_override_needs_a_reason_and_is_audited(call, organiser):
    submission = application(call)
    with pytest.raises(ValidationError):
        change_submission_status(submission=submission, to_status=S.INELIGIBLE, actor=organiser)
    submission = change_submission_status(
        submission=submission, to_status=S.INELIGIBLE, actor=organiser, reason="Duplicate"
    )
    assert (submission.status, submission.status_reason) == (S.INELIGIBLE, "Duplicate")
    confirm_eligibility(submission=submission, actor=organiser)
    submission.refresh_from_db()
    assert submission.eligibility_confirmed_by == organiser


def test_withdrawal_before_the_decision_only(call, organiser):
    submission = application(call)
    submission = change_submission_status(
        submission=submission, to_status=S.WITHDRAWN, actor=submission.applicant
    )
    assert submission.status == S.WITHDRAWN
    with pytest.raises(ValidationError):
        change_submission_status(
            submission=submission, to_status=S.WITHDRAWN, actor=submission.applicant
        )
