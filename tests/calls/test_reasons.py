"""The selection core's reasons are said in the reader's language, not in English."""

import pytest
from django.utils import translation

from techbridge.calls.reasons import selection_reason
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
