"""Every page of the calls area renders for the people allowed to see it; times are in
the reader's zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from techbridge.calls.services.assignment import apply_assignment_run, start_assignment_run
from techbridge.calls.services.reviews import save_review_draft
from tests.accounts.factories import PASSWORD
from tests.calls.factories import application, expert_in_pool, holder_offer

pytestmark = pytest.mark.django_db


def test_pages_render_for_their_users(client, call, organiser, django_capture_on_commit_callbacks):
    submission = application(call)
    first = expert_in_pool(call)
    expert_in_pool(call)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_assignment_run(call=call, actor=organiser)
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        apply_assignment_run(run=run, actor=organiser)
    assignment = first.assignments.get()
    save_review_draft(assignment=assignment, actor=first.user, scores={})
    client.login(email=organiser.email, password=PASSWORD)
    for name, kwargs in [
        ("calls:list", {}),
        ("calls:create", {}),
        ("calls:templates", {}),
        ("calls:detail", {"pk": call.pk}),
        ("calls:edit", {"pk": call.pk}),
        ("calls:parts", {"pk": call.pk, "part": "rubric"}),
        ("calls:parts", {"pk": call.pk, "part": "questions"}),
        ("calls:parts", {"pk": call.pk, "part": "documents"}),
        ("calls:parts", {"pk": call.pk, "part": "quotas"}),
        ("calls:parts", {"pk": call.pk, "part": "phases"}),
        ("calls:submissions", {"pk": call.pk}),
        ("calls:submission", {"pk": call.pk, "submission_pk": submission.pk}),
        ("calls:pool", {"pk": call.pk}),
        ("calls:assignment", {"pk": call.pk}),
        ("calls:run_status", {"pk": call.pk, "run_pk": run.pk}),
        ("calls:ranking", {"pk": call.pk}),
        ("calls:outbox", {"pk": call.pk}),
        ("calls:edit_template", {"template_pk": 1}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, (name, response.status_code)
    client.login(email=submission.applicant.email, password=PASSWORD)
    for name, kwargs in [
        ("calls:my_applications", {}),
        ("calls:application", {"pk": submission.pk}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
    client.login(email=first.user.email, password=PASSWORD)
    for name, kwargs in [
        ("calls:my_reviews", {"pk": call.pk}),
        ("calls:bids", {"pk": call.pk}),
        ("calls:review", {"assignment_pk": assignment.pk}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_deadline_is_shown_in_the_readers_time_zone(client, call):
    call.closes_at = datetime(2027, 1, 31, 15, 59, tzinfo=UTC)
    call.save()
    page = client.get(reverse("calls:detail", kwargs={"pk": call.pk}), HTTP_COOKIE="").content
    assert "3:59 p.m." in page.decode()  # anonymous reader without a zone: UTC
    moscow = holder_offer(time_zone="Europe/Moscow")[0]
    client.login(email=moscow.email, password=PASSWORD)
    page = client.get(reverse("calls:detail", kwargs={"pk": call.pk})).content.decode()
    assert "Jan. 31, 2027, 6:59 p.m." in page  # 15:59 UTC is 18:59 in Moscow
