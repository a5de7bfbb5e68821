"""List pages run the same number of queries for one row as for three (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from techbridge.calls.services.decisions import apply_decisions, propose_decisions
from techbridge.calls.services.experts import assign_manually
from techbridge.calls.services.reviews import submit_review
from tests.accounts.factories import PASSWORD
from tests.calls.factories import application, expert_in_pool

pytestmark = pytest.mark.django_db
SCORES = {
    "innovation": {"score": 4, "comment": "c"},
    "maturity": {"score": 3, "comment": "c"},
    "fit": {"score": 7, "comment": "c"},
}


def _add_scored_projects(call, organiser, member, count):
    for _ in range(count):
        submission = application(call)
        assignment = assign_manually(submission=submission, member=member, actor=organiser)
        submit_review(assignment=assignment, actor=member.user, scores=SCORES)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["calls:submissions", "calls:ranking", "calls:assignment", "calls:outbox"]
)
def test_organiser_lists_do_not_grow_with_rows(client, call, organiser, name):
    member = expert_in_pool(call)
    client.login(email=organiser.email, password=PASSWORD)
    url = reverse(name, kwargs={"pk": call.pk})
    counts = []
    for added in (1, 2):
        _add_scored_projects(call, organiser, member, added)
        if name == "calls:outbox":
            propose_decisions(call=call, actor=organiser, expected_version=call.decision_version)
            call.refresh_from_db()
            apply_decisions(call=call, actor=organiser, expected_version=call.decision_version)
            call.refresh_from_db()
        counts.append(_queries(client, url))  # 1 row, then 3 rows
    assert counts[0] == counts[1]


def test_expert_review_list_does_not_grow_with_rows(client, call, organiser):
    member = expert_in_pool(call)
    client.login(email=member.user.email, password=PASSWORD)
    url = reverse("calls:my_reviews", kwargs={"pk": call.pk})
    counts = []
    for added in (1, 2):
        _add_scored_projects(call, organiser, member, added)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]


def test_applicant_list_does_not_grow_with_rows(client, call):
    first = application(call)
    client.login(email=first.applicant.email, password=PASSWORD)
    url = reverse("calls:my_applications")
    one = _queries(client, url)
    for _ in range(2):
        other = application(call)
        other.applicant = first.applicant
        other.save()
    assert _queries(client, url) == one
