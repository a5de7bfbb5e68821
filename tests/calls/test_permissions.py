"""Every protected action of the calls area: anonymous, wrong role, right role; a refused
action changes nothing in the database."""

import pytest
from django.urls import reverse

from techbridge.accounts.enums import Role
from techbridge.audit.models import AuditEntry
from techbridge.calls.models import (
    AssignmentRun,
    Call,
    OutboxMessage,
    PendingDecision,
    ProjectBid,
    Review,
    ReviewAssignment,
    Submission,
)
from techbridge.calls.services.experts import assign_manually
from tests.accounts.factories import PASSWORD, user_with_role
from tests.calls.factories import application, expert_in_pool, holder_offer

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        model.__name__: sorted(
            (row.pk, getattr(row, "status", None), getattr(row, "is_published", None))
            for row in model.objects.all()
        )
        for model in (
            Call,
            Submission,
            AssignmentRun,
            ReviewAssignment,
            Review,
            ProjectBid,
            PendingDecision,
            OutboxMessage,
            AuditEntry,
        )
    }


@pytest.fixture
def world(call, organiser):
    submission = application(call)
    member = expert_in_pool(call)
    assignment = assign_manually(submission=submission, member=member, actor=organiser)
    other_holder, offer = holder_offer()
    return {
        "unreviewed": application(call),
        "call": call,
        "organiser": organiser,
        "submission": submission,
        "member": member,
        "assignment": assignment,
        "holder": submission.applicant,
        "other_holder": other_holder,
        "other_offer": offer,
        "outsider_expert": expert_in_pool(call).user,
        "seeker": user_with_role(Role.TECHNOLOGY_SEEKER),
    }


def _actions(world):
    call, submission = world["call"], world["submission"]
    review_data = {"then": "save", "score_innovation": "3", "comment_innovation": "ok"}
    return {
        # name: (url, data, wrong user, right user)
        "create call": (
            reverse("calls:create"),
            {
                "titles_zh": "征集",
                "titles_en": "Call",
                "opens_at": "2030-01-01T00:00",
                "closes_at": "2030-02-01T00:00",
                "time_zone": "UTC",
                "projects_to_select": 2,
                "reserve_size": 0,
                "reviews_per_project": 2,
                "expert_minimum_load": 0,
                "expert_maximum_load": 5,
                "revision_days": 7,
            },
            world["holder"],
            world["organiser"],
        ),
        "apply": (
            reverse("calls:apply", kwargs={"pk": call.pk}),
            {"offer": world["other_offer"].pk},
            world["seeker"],
            world["other_holder"],
        ),
        "withdraw": (
            reverse("calls:application_status", kwargs={"pk": submission.pk}),
            {"status": "withdrawn"},
            world["other_holder"],
            world["holder"],
        ),
        "override eligibility": (
            reverse(
                "calls:override_eligibility",
                kwargs={"pk": call.pk, "submission_pk": world["unreviewed"].pk},
            ),
            {"status": "ineligible", "reason": "Out of scope"},
            world["holder"],
            world["organiser"],
        ),
        "start run": (
            reverse("calls:start_run", kwargs={"pk": call.pk}),
            {},
            world["member"].user,
            world["organiser"],
        ),
        "bid": (
            reverse("calls:place_bid", kwargs={"pk": call.pk, "submission_pk": submission.pk}),
            {f"s{submission.pk}-bid": "eager"},
            world["seeker"],
            world["member"].user,
        ),
        "review": (
            reverse("calls:review", kwargs={"assignment_pk": world["assignment"].pk}),
            review_data,
            world["outsider_expert"],
            world["member"].user,
        ),
        "release outbox": (
            reverse("calls:release", kwargs={"pk": call.pk}),
            {},
            world["member"].user,
            world["organiser"],
        ),
    }


ACTIONS = [
    "create call",
    "apply",
    "withdraw",
    "override eligibility",
    "start run",
    "bid",
    "review",
    "release outbox",
]


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_is_sent_to_sign_in_and_nothing_changes(client, world, action):
    url, data, _wrong, _right = _actions(world)[action]
    before = _snapshot()
    response = client.post(url, data)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
    assert _snapshot() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_wrong_role_is_refused_and_nothing_changes(client, world, action):
    url, data, wrong, _right = _actions(world)[action]
    client.login(email=wrong.email, password=PASSWORD)
    before = _snapshot()
    response = client.post(url, data)
    assert response.status_code in (403, 404)
    assert _snapshot() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_right_role_is_allowed(client, world, action, django_capture_on_commit_callbacks):
    url, data, _wrong, right = _actions(world)[action]
    client.login(email=right.email, password=PASSWORD)
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, HTTP_HX_REQUEST="true" if action == "bid" else None)
    assert response.status_code in (200, 302)
    if action != "release outbox":  # nothing is held yet: releasing sends nothing
        assert _snapshot() != before


@pytest.mark.parametrize(
    "name", ["calls:ranking", "calls:outbox", "calls:export_reviews", "calls:pool"]
)
def test_organiser_pages_are_refused_to_experts(client, world, name):
    client.login(email=world["member"].user.email, password=PASSWORD)
    assert client.get(reverse(name, kwargs={"pk": world["call"].pk})).status_code == 403


def test_applicants_never_see_other_applications(client, world):
    client.login(email=world["other_holder"].email, password=PASSWORD)
    url = reverse("calls:application", kwargs={"pk": world["submission"].pk})
    assert client.get(url).status_code == 404


def test_expert_of_another_call_sees_nothing_of_this_one(client, world):
    from tests.calls.factories import CallFactory

    stranger = expert_in_pool(CallFactory())
    client.login(email=stranger.user.email, password=PASSWORD)
    call = world["call"]
    assert client.get(reverse("calls:bids", kwargs={"pk": call.pk})).status_code == 403
    review = reverse("calls:review", kwargs={"assignment_pk": world["assignment"].pk})
    assert client.get(review).status_code == 404
