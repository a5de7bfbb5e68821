"""The demo's Yingtan call: applications, pool, solver assignment and reviews; loading
twice changes nothing."""

import pytest

from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.models import Call, PoolMember, Review, ReviewAssignment, Submission
from techbridge.calls.ranking import call_ranking
from techbridge.demo.calls import call_data, load_calls
from techbridge.demo.loader import LoadReport, load_demo

pytestmark = pytest.mark.django_db


def _state():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Call, Submission, PoolMember, ReviewAssignment, Review)
    }


def test_demo_call_is_loaded_once_with_its_review_state():
    load_demo(embeddings=False)
    before = _state()
    report = LoadReport()
    load_calls(report)  # what a second load_demo does for calls
    assert report.created == {"calls": 0}
    assert _state() == before
    call = Call.objects.get(titles__en=call_data()["titles"]["en"])
    assert call.event is not None
    assert call.criteria.count() == 6
    submissions = list(call.submissions.order_by("number"))
    assert len(submissions) == 8
    assert {submission.organisation.country for submission in submissions} == {"RU"}
    statuses = [submission.status for submission in submissions]
    assert statuses.count(SubmissionStatus.INELIGIBLE) == 1
    reviewed = [submission for submission in submissions if submission.status != "ineligible"]
    for submission in reviewed:
        assert submission.assignments.count() == 3
    assert call.pool.count() >= 6
    assert call.pool.filter(user__email="expert@techbridge.example").exists()
    ranking = call_ranking(call)
    assert [project.rank for project in ranking.projects if project.rank] == list(
        range(1, len(reviewed) + 1)
    )
