"""Reviewing: per-criterion scores with required comments, abstentions with reasons,
autosave of drafts, blind pages, scored projects, reminders before the deadline."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from techbridge.calls.enums import ReviewStatus, SubmissionStatus
from techbridge.calls.models import Review
from techbridge.calls.services.experts import assign_manually
from techbridge.calls.services.reminders import remind_reviewers
from techbridge.calls.services.reviews import abstain_from_review, submit_review
from tests.accounts.factories import PASSWORD
from tests.calls.factories import application, expert_in_pool

pytestmark = pytest.mark.django_db
FULL = {
    "innovation": {"score": 5, "comment": "Новый сплав"},
    "maturity": {"score": 3, "comment": "Pilot line"},
    "fit": {"score": 10, "comment": "Yingtan copper"},
}


@pytest.fixture
def assigned(call, organiser):
    submission = application(call, full_name="Алексей Смирнов")
    first, second = expert_in_pool(call), expert_in_pool(call)
    return (
        assign_manually(submission=submission, member=first, actor=organiser),
        assign_manually(submission=submission, member=second, actor=organiser),
    )


def test_review_needs_a_comment_for_every_score(assigned):
    assignment = assigned[0]
    scores = {**FULL, "maturity": {"score": 3, "comment": ""}}
    with pytest.raises(ValidationError) as refused:
        submit_review(assignment=assignment, actor=assignment.member.user, scores=scores)
    assert refused.value.message_dict == {"maturity": ["Explain your score in a comment."]}
    assert not Review.objects.filter(status=ReviewStatus.SUBMITTED).exists()


def test_refused_sending_keeps_the_typed_draft_and_shows_the_error_beside_it(client, assigned):
    assignment = assigned[0]
    client.login(email=assignment.member.user.email, password=PASSWORD)
    response = client.post(
        reverse("calls:review", kwargs={"assignment_pk": assignment.pk}),
        {"then": "submit", "score_innovation": "5", "comment_innovation": "Новый сплав"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give a score, or abstain with a reason." in page
    assert "Новый сплав" in page
    review = Review.objects.get(assignment=assignment)
    assert review.status == ReviewStatus.DRAFT
    assert review.scores["innovation"] == {"score": 5, "comment": "Новый сплав", "abstain": False}


def test_abstaining_on_a_criterion_needs_a_reason_and_is_left_out_of_the_total(assigned):
    assignment = assigned[0]
    scores = {**FULL, "fit": {"abstain": True, "comment": ""}}
    with pytest.raises(ValidationError):
        submit_review(assignment=assignment, actor=assignment.member.user, scores=scores)
    scores["fit"]["comment"] = "Not my industry"
    review = submit_review(assignment=assignment, actor=assignment.member.user, scores=scores)
    # (2 · 1.0 + 1 · 0.5) / 3 weight answered = 83.33
    assert round(review.total, 2) == 83.33


def test_project_is_scored_when_every_reviewer_has_finished(assigned):
    first, second = assigned
    submit_review(assignment=first, actor=first.member.user, scores=FULL)
    submission = first.submission
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.UNDER_REVIEW
    abstain_from_review(assignment=second, actor=second.member.user, reason="Competitor")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SCORED


def test_another_expert_cannot_write_the_review(assigned, call):
    outsider = expert_in_pool(call)
    with pytest.raises(PermissionDenied):
        submit_review(assignment=assigned[0], actor=outsider.user, scores=FULL)
    assert Review.objects.count() == 0


def test_reviewing_outside_a_scoring_phase_is_refused(assigned, call):
    call.phases.update(reviewers_may_review=False)
    assignment = assigned[0]
    with pytest.raises(PermissionDenied):
        submit_review(assignment=assignment, actor=assignment.member.user, scores=FULL)


def test_autosave_keeps_the_draft(client, assigned):
    assignment = assigned[0]
    client.login(email=assignment.member.user.email, password=PASSWORD)
    response = client.post(
        reverse("calls:autosave", kwargs={"assignment_pk": assignment.pk}),
        {"score_innovation": "4", "comment_innovation": "Half-typed", "feedback": "Good"},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-autosave-state="saved"' in response.content.decode()
    review = Review.objects.get(assignment=assignment)
    assert review.scores["innovation"] == {"score": 4, "comment": "Half-typed", "abstain": False}
    assert review.feedback == "Good"
    assert review.status == ReviewStatus.DRAFT


def test_reviewer_pages_never_show_the_applicant(client, assigned, call):
    assignment = assigned[0]
    submission = assignment.submission
    client.login(email=assignment.member.user.email, password=PASSWORD)
    hidden = [
        submission.applicant.full_name,
        submission.applicant.email,
        *submission.organisation.names.values(),
        *submission.offer.patents,
    ]
    for url in (
        reverse("calls:review", kwargs={"assignment_pk": assignment.pk}),
        reverse("calls:my_reviews", kwargs={"pk": call.pk}),
        reverse("calls:bids", kwargs={"pk": call.pk}),
    ):
        page = client.get(url).content.decode()
        assert submission.code in page
        for text in hidden:
            assert text not in page, (url, text)


def test_reminders_go_once_to_experts_with_unfinished_reviews(
    assigned, call, django_capture_on_commit_callbacks
):
    first, second = assigned
    submit_review(assignment=first, actor=first.member.user, scores=FULL)
    call.phases.update(ends_at=timezone.now() + timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_reviewers(days_before=3) == 1
    assert [message.to for message in mail.outbox] == [[second.member.user.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_reviewers(days_before=3) == 0
    assert len(mail.outbox) == 1


def test_no_reminder_long_before_the_deadline(assigned, call):
    call.phases.update(ends_at=timezone.now() + timedelta(days=10))
    assert remind_reviewers(days_before=3) == 0


def test_remind_reviewers_command_reminds(assigned, call, django_capture_on_commit_callbacks):
    call.phases.update(ends_at=timezone.now() + timedelta(days=1))
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_reviewers", "--days", "2", stdout=output)
    assert output.getvalue() == "2 experts reminded\n"
    assert len(mail.outbox) == 2


def test_applicant_sees_anonymised_feedback_only_when_the_phase_shows_it(client, assigned, call):
    first, second = assigned
    submit_review(assignment=first, actor=first.member.user, scores=FULL)
    submission = first.submission
    client.login(email=submission.applicant.email, password=PASSWORD)
    url = reverse("calls:application", kwargs={"pk": submission.pk})
    assert "Promising pilot" not in client.get(url).content.decode()
    Review.objects.filter(assignment=first).update(feedback="Promising pilot")
    assert "Promising pilot" not in client.get(url).content.decode()
    call.phases.update(applicants_see_feedback=True)
    page = client.get(url).content.decode()
    assert "Promising pilot" in page
    assert "Expert 1" in page
    assert first.member.user.full_name not in page
    assert second.member.user.full_name not in page
