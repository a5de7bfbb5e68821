"""Experts and assignment: conflicts found automatically, bids, background solver runs
that respect K, loads, conflicts and locks, explanations for infeasible calls."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.enums import Role
from techbridge.accounts.models import Membership
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.enums import Bid, ConflictSource, RunStatus, SubmissionStatus
from techbridge.calls.models import ReviewAssignment
from techbridge.calls.services.assignment import (
    apply_assignment_run,
    cancel_assignment_run,
    start_assignment_run,
)
from techbridge.calls.services.experts import assign_manually, declare_conflict, place_bid
from techbridge.calls.services.reviews import save_review_draft
from techbridge.calls.services.solver_runs import execute_assignment_run
from tests.accounts.factories import PASSWORD
from tests.calls.factories import application, expert_in_pool

pytestmark = pytest.mark.django_db


def _run(call, organiser, capture):
    with capture(execute=True):
        run = start_assignment_run(call=call, actor=organiser)
    run.refresh_from_db()
    return run


def _apply(run, organiser, capture):
    with capture(execute=True):
        return apply_assignment_run(run=run, actor=organiser)


def test_conflicts_found_by_organisation_affiliation_and_declaration(call, organiser):
    submission = application(call)
    colleague = expert_in_pool(call)
    Membership.objects.create(
        user=colleague.user,
        organisation=submission.organisation,
        role=Role.EXPERT,
        status="active",
    )
    alumnus = expert_in_pool(call)
    alumnus.profile.affiliations = [
        {"organisation": {"en": submission.organisation.names["en"]}, "from": 2001, "to": 2010}
    ]
    alumnus.profile.save()
    declaring = expert_in_pool(call)
    declare_conflict(submission=submission, actor=declaring.user, reason="Co-author")
    free = expert_in_pool(call)
    sources = {
        member: [conflict.source for conflict in found]
        for (_submission, member), found in call_conflicts(call).items()
    }
    assert sources == {
        colleague.pk: [ConflictSource.SAME_ORGANISATION],
        alumnus.pk: [ConflictSource.SHARED_AFFILIATION],
        declaring.pk: [ConflictSource.DECLARED],
    }
    assert free.pk not in sources


def test_run_assigns_k_reviewers_within_loads_without_conflicts(
    call, organiser, django_capture_on_commit_callbacks
):
    submissions = [application(call) for _ in range(3)]
    members = [
        expert_in_pool(call, preferred_language=language) for language in ("zh-hans", "ru", "en")
    ]
    declare_conflict(submission=submissions[0], actor=members[0].user, reason="Former student")
    members[1].maximum_load = 2
    members[1].save()
    place_bid(submission=submissions[1], actor=members[2].user, bid=Bid.EAGER)
    run = _run(call, organiser, django_capture_on_commit_callbacks)
    assert (run.status, run.solver_status, run.progress) == (RunStatus.FINISHED, "optimal", 1.0)
    assert len(run.proposal) == 6
    assert run.explanations == []  # the matching engine's similarity was available
    mail.outbox.clear()
    created = _apply(run, organiser, django_capture_on_commit_callbacks)
    pairs = set(ReviewAssignment.objects.values_list("submission_id", "member_id"))
    assert len(created) == 6
    assert (submissions[0].pk, members[0].pk) not in pairs
    assert ReviewAssignment.objects.filter(member=members[1]).count() <= 2
    for submission in submissions:
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.UNDER_REVIEW
        assert submission.assignments.count() == 2
    # One e-mail per expert, rendered in the expert's language (the call's title in it).
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert len(subjects) == 3
    assert "铜基新材料与铜智造技术路演项目征集" in subjects[members[0].user.email]
    assert "Сбор заявок на питч-сессию" in subjects[members[1].user.email]
    assert "Call for copper materials projects" in subjects[members[2].user.email]


def test_rerun_keeps_locked_and_started_pairs(call, organiser, django_capture_on_commit_callbacks):
    submissions = [application(call) for _ in range(2)]
    members = [expert_in_pool(call) for _ in range(4)]
    locked = assign_manually(submission=submissions[0], member=members[3], actor=organiser)
    run = _run(call, organiser, django_capture_on_commit_callbacks)
    _apply(run, organiser, django_capture_on_commit_callbacks)
    started = ReviewAssignment.objects.filter(submission=submissions[1]).first()
    save_review_draft(assignment=started, actor=started.member.user, scores={})
    rerun = _run(call, organiser, django_capture_on_commit_callbacks)
    assert sorted(map(tuple, rerun.kept_pairs)) == sorted(
        [(submissions[0].pk, members[3].pk), (submissions[1].pk, started.member_id)]
    )
    _apply(rerun, organiser, django_capture_on_commit_callbacks)
    assert ReviewAssignment.objects.filter(pk__in=[locked.pk, started.pk]).count() == 2
    assert ReviewAssignment.objects.count() == 4


def test_apply_refused_when_locks_changed_since_the_run(
    call, organiser, django_capture_on_commit_callbacks
):
    submission = application(call)
    members = [expert_in_pool(call) for _ in range(3)]
    run = _run(call, organiser, django_capture_on_commit_callbacks)
    assign_manually(submission=submission, member=members[0], actor=organiser)
    with pytest.raises(ValidationError):
        apply_assignment_run(run=run, actor=organiser)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert ReviewAssignment.objects.count() == 1


def test_infeasible_call_is_explained_on_the_page(
    client, call, organiser, django_capture_on_commit_callbacks
):
    call.reviews_per_project = 3
    call.save()
    submission = application(call)
    expert_in_pool(call)
    expert_in_pool(call)
    run = _run(call, organiser, django_capture_on_commit_callbacks)
    assert run.solver_status == "infeasible"
    assert run.unfilled == [[submission.pk, 1]]
    assert [explanation["details"] for explanation in run.explanations] == [
        {"project": "P-001", "count": 2, "needed": 3},
        {"capacity": 2, "needed": 3},
    ]
    client.login(email=organiser.email, password=PASSWORD)
    page = client.get(reverse("calls:assignment", kwargs={"pk": call.pk})).content.decode()
    assert "P-001: 1 reviewer missing" in page
    assert "P-001: experts without a conflict of interest: 2 (3 needed)." in page
    for language, words in (
        ("ru", "P-001: экспертов без конфликта интересов: 2 (нужно 3)."),
        ("ru", "Эксперты могут дать рецензий: 2, а требуется 3."),
        ("zh-hans", "P-001：无利益冲突的专家 2 位（需要 3 位）。"),
    ):
        with translation.override(language):
            url = reverse("calls:assignment", kwargs={"pk": call.pk})
        assert words in client.get(url).content.decode()


def test_cancelled_queued_run_never_runs(call, organiser):
    application(call)
    run = start_assignment_run(call=call, actor=organiser)  # not committed: still queued
    run = cancel_assignment_run(run=run, actor=organiser)
    assert (run.status, run.cancel_requested) == (RunStatus.CANCELLED, True)
    assert execute_assignment_run(run_id=run.pk).status == RunStatus.CANCELLED
    assert run.proposal == []


def test_only_one_run_at_a_time(call, organiser):
    start_assignment_run(call=call, actor=organiser)
    with pytest.raises(ValidationError):
        start_assignment_run(call=call, actor=organiser)


def test_run_in_progress_is_polled_and_can_be_cancelled_from_the_page(client, call, organiser):
    application(call)
    run = start_assignment_run(call=call, actor=organiser)  # queued: no worker ran it yet
    client.login(email=organiser.email, password=PASSWORD)
    panel = client.get(
        reverse("calls:run_status", kwargs={"pk": call.pk, "run_pk": run.pk})
    ).content.decode()
    assert 'hx-trigger="every 1s"' in panel
    assert reverse("calls:cancel_run", kwargs={"pk": call.pk, "run_pk": run.pk}) in panel
    client.post(reverse("calls:cancel_run", kwargs={"pk": call.pk, "run_pk": run.pk}))
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    panel = client.get(
        reverse("calls:run_status", kwargs={"pk": call.pk, "run_pk": run.pk})
    ).content.decode()
    assert "hx-trigger" not in panel
