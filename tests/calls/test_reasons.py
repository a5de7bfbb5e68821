"""The selection core's reasons are said in the reader's language, not in English."""

import pytest
from django.utils import translation

from techbridge.calls.reasons import assignment_reason, selection_reason
from techbridge.core.selection.selection import Candidate, select_projects

pytestmark = pytest.mark.django_db


def test_every_reason_code_of_the_core_has_a_translated_text():
    result = select_projects(
        [
            Candidate("a", 90.0, ("materials.copper",)),
            Candidate("b", 80.0, ("materials.copper",)),
            Candidate("c", 70.0, ("energy.batteries",)),
            Candidate("d", 60.0, ("energy.batteries",)),
        ],
        2,
        quotas={"materials.copper": 1},
        reserve_count=1,
    )
    decisions = [*result.selected, *result.reserve, *result.rejected]
    assert {decision.reason_code for decision in decisions} >= {"selected", "reserve"}
    for decision in decisions:
        with translation.override("zh-hans"):
            text = selection_reason(decision.reason_code, decision.reason_details)
        assert text != ""
        assert "rank" not in text and "reserve" not in text


def test_quota_reason_names_the_field_in_the_readers_language():
    details = {"rank": 2, "blocked": {"materials.copper": 1}}
    with translation.override("ru"):
        text = selection_reason("quota_full", details)
    assert "Материалы на основе меди" in text
    with translation.override("en"):
        assert selection_reason("selected", {"rank": 3}) == "rank 3 by score"


ASSIGNMENT_DETAILS = {
    "locked_conflict": {"project": "P-001", "expert": "Li"},
    "locked_over_reviews": {
        "project": "P-001",
        "count": 4,
        "needed": 3,
        "kept": ["Li", "Wang"],
        "dropped": ["Ivanov"],
    },
    "locked_over_load": {"expert": "Li", "count": 6, "maximum": 5, "dropped": ["P-001"]},
    "few_without_conflict": {"project": "P-001", "count": 2, "needed": 3},
    "few_with_room": {"project": "P-001", "count": 1, "total": 2, "needed": 3},
    "capacity_short": {"capacity": 10, "needed": 12},
    "minimum_over_maximum": {"expert": "Li", "minimum": 6, "maximum": 5},
    "few_projects": {"expert": "Li", "count": 1, "minimum": 2},
    "minimum_short": {"minimum": 20, "needed": 12},
    "bottleneck_no_expert": {"projects": ["P-001", "P-002"], "missing": 2, "experts": []},
    "bottleneck_full": {"projects": ["P-001"], "missing": 1, "experts": ["Li", "Wang"]},
    "below_minimum": {"expert": "Li", "load": 1, "minimum": 2},
    "time_limit": {"rounds": 7},
    "time_limit_short": {"rounds": 7},
    "pool_empty": {},
    "similarity_unavailable": {},
}


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
@pytest.mark.parametrize("code", sorted(ASSIGNMENT_DETAILS))
def test_every_assignment_explanation_is_said_in_the_readers_language(code, language):
    stored = {"code": code, "details": ASSIGNMENT_DETAILS[code], "text": "English text"}
    with translation.override(language):
        text, translated = assignment_reason(stored)
    assert translated
    assert "%(" not in text and "English text" not in text
    for name in ("P-001", "Li", "Ivanov"):
        if name in str(ASSIGNMENT_DETAILS[code]):
            assert name in text


def test_runs_stored_before_explanation_codes_show_their_english_text():
    assert assignment_reason("locked pair (P-001, Li) conflicts") == (
        "locked pair (P-001, Li) conflicts",
        False,
    )
    assert assignment_reason({"code": "unknown", "details": {}, "text": "old"}) == ("old", False)
