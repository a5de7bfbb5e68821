"""Calibrated ranking, optimal selection under quotas, pending decisions applied in bulk
with a version check, the outbox and its templates, revise and resubmit."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from techbridge.calls.enums import (
    DecisionOutcome,
    MessageKind,
    OutboxStatus,
    ReviewStatus,
    SubmissionStatus,
)
from techbridge.calls.models import FieldQuota, MessageTemplate, OutboxMessage, PendingDecision
from techbridge.calls.ranking import call_ranking
from techbridge.calls.services.decisions import (
    StaleDecisions,
    apply_decisions,
    propose_decisions,
    set_pending_decision,
)
from techbridge.calls.services.experts import assign_manually
from techbridge.calls.services.outbox import release_messages, update_template
from techbridge.calls.services.reviews import submit_review
from techbridge.calls.services.submissions import change_submission_status
from techbridge.catalogue.models import TechnologyField
from tests.calls.factories import application, expert_in_pool

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def _scores(innovation, maturity, fit):
    return {
        "innovation": {"score": innovation, "comment": "c"},
        "maturity": {"score": maturity, "comment": "c"},
        "fit": {"score": fit, "comment": "c"},
    }


@pytest.fixture
def scored(call, organiser):
    """Three scored projects: the lenient expert L reviews A and B, the strict S reviews
    A and C, M reviews B and C. Rubric totals (innovation ×2 on 1–5, maturity on 1–5, fit
    on 0–10): A = 88.75 (L), 58.75 (S); B = 76.25 (L), 67.5 (M); C = 52.5 (S), 67.5 (M)."""
    languages = ("ru", "zh-hans", "ru")
    projects = [application(call, preferred_language=language) for language in languages]
    lenient, strict, middle = (expert_in_pool(call) for _ in range(3))
    plan = {
        (0, lenient): _scores(5, 4, 8),
        (0, strict): _scores(3, 4, 6),
        (1, lenient): _scores(4, 4, 8),
        (1, middle): _scores(4, 3, 7),
        (2, strict): _scores(3, 3, 6),
        (2, middle): _scores(4, 3, 7),
    }
    for (index, member), scores in plan.items():
        assignment = assign_manually(submission=projects[index], member=member, actor=organiser)
        submit_review(assignment=assignment, actor=member.user, scores=scores)
    for project in projects:
        project.refresh_from_db()
        assert project.status == S.SCORED
    return projects


def test_ranking_shows_raw_and_calibrated_scores_with_the_spread(call, scored):
    ranking = call_ranking(call)
    rows = {row.submission.pk: row for row in ranking.projects}
    first = rows[scored[0].pk]
    assert first.reviews == 2
    assert first.raw_mean == 73.75  # (88.75 + 58.75) / 2
    assert round(first.spread, 2) == 21.21  # 30 / √2
    assert (first.minimum, first.maximum) == (58.75, 88.75)
    assert round(first.calibrated, 3) == 74.375
    assert [row.submission.pk for row in ranking.projects] == [project.pk for project in scored]
    assert [row.rank for row in ranking.projects] == [1, 2, 3]
    assert [round(row.raw_mean, 3) for row in ranking.projects] == [73.75, 71.875, 60.0]
    biases = {reviewer.member.user_id: reviewer.bias for reviewer in ranking.reviewers}
    assert max(biases.values()) > 0 > min(biases.values())
    assert round(sum(biases.values()), 6) == 0


def test_propose_selects_optimally_under_the_quota(call, organiser, scored):
    FieldQuota.objects.create(
        call=call, field=TechnologyField.objects.get(code="materials"), maximum=1
    )
    decisions = propose_decisions(call=call, actor=organiser, expected_version=0)
    outcomes = sorted(decision.outcome for decision in decisions)
    # Every project is a copper (materials) project: the quota allows one selection.
    assert outcomes == ["rejected", "reserve", "selected"]
    call.refresh_from_db()
    assert call.decision_version == 1


def test_two_organisers_deciding_at_once_cannot_both_win(call, organiser, scored):
    propose_decisions(call=call, actor=organiser, expected_version=0)
    seen = 1  # both organisers loaded the page at version 1
    set_pending_decision(
        submission=scored[2],
        actor=organiser,
        outcome=DecisionOutcome.SELECTED,
        expected_version=seen,
    )
    before = list(PendingDecision.objects.order_by("pk").values_list("outcome", flat=True))
    with pytest.raises(StaleDecisions) as lost:
        apply_decisions(call=call, actor=organiser, expected_version=seen)
    assert "Another organiser changed the decisions" in lost.value.messages[0]
    assert list(PendingDecision.objects.order_by("pk").values_list("outcome", flat=True)) == before
    assert {project.status for project in scored} == {S.SCORED}
    assert OutboxMessage.objects.count() == 0


def test_applied_decisions_wait_in_the_outbox_in_each_language(call, organiser, scored):
    propose_decisions(call=call, actor=organiser, expected_version=0)
    assert apply_decisions(call=call, actor=organiser, expected_version=1) == 3
    messages = {message.submission_id: message for message in OutboxMessage.objects.all()}
    assert {message.status for message in messages.values()} == {OutboxStatus.HELD}
    assert messages[scored[0].pk].language == "ru"
    assert messages[scored[1].pk].language == "zh"
    statuses = {project.pk: project.status for project in scored}
    for project in scored:
        project.refresh_from_db()
        message = messages[project.pk]
        assert message.kind == project.status
        assert project.code in message.body
    assert "Здравствуйте" in messages[scored[0].pk].body
    assert "您好" in messages[scored[1].pk].body
    assert statuses  # decisions applied to every scored project
    assert len(mail.outbox) == 0
    assert release_messages(call=call, actor=organiser) == 3
    assert len(mail.outbox) == 3
    assert release_messages(call=call, actor=organiser) == 0


def test_revise_and_resubmit_goes_back_to_the_same_reviewers(call, organiser, scored):
    project = scored[0]
    propose_decisions(call=call, actor=organiser, expected_version=0)
    with pytest.raises(ValidationError):
        set_pending_decision(
            submission=project, actor=organiser, outcome="revise", expected_version=1
        )
    set_pending_decision(
        submission=project,
        actor=organiser,
        outcome="revise",
        requests="Add the pilot line results",
        expected_version=1,
    )
    apply_decisions(call=call, actor=organiser, expected_version=2)
    project.refresh_from_db()
    assert (project.status, project.revision_requests) == (S.REVISE, "Add the pilot line results")
    message = OutboxMessage.objects.get(submission=project)
    assert "Add the pilot line results" in message.body
    project = change_submission_status(
        submission=project, to_status=S.SUBMITTED, actor=project.applicant
    )
    assert (project.status, project.review_round) == (S.UNDER_REVIEW, 2)
    assert set(project.assignments.values_list("review__status", flat=True)) == {ReviewStatus.DRAFT}


def test_template_with_an_unknown_placeholder_is_refused(organiser):
    template = MessageTemplate.objects.get(kind=MessageKind.SELECTED, language="ru")
    before = template.body
    with pytest.raises(ValidationError) as refused:
        update_template(template=template, actor=organiser, subject="{project}", body="Hi")
    assert "subject" in refused.value.message_dict
    template.refresh_from_db()
    assert template.body == before
    update_template(
        template=template, actor=organiser, subject="{project_title}", body="Ура, {applicant_name}!"
    )
    template.refresh_from_db()
    assert template.body == "Ура, {applicant_name}!"
