"""Editing and status changes: anonymous, not the owner, the owner; a refused request
changes nothing; the lifecycle, audit and checks are those of the pages."""

import pytest

from techbridge.accounts.enums import MembershipStatus
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import TechnologyOffer
from tests.api.conftest import authenticated_client
from tests.api.factories import ExpertFactory, NeedFactory, OfferFactory, owned_by

pytestmark = pytest.mark.django_db


def _snapshot(item):
    """What a refused request must leave untouched."""
    item = TechnologyOffer.objects.get(pk=item.pk)
    return (item.titles, item.status, item.updated_at, AuditEntry.objects.count())


def test_edit_anonymous_is_unauthenticated(api_client):
    offer = OfferFactory()
    before = _snapshot(offer)
    response = api_client.patch(
        f"/api/v1/offers/{offer.pk}/", {"titles": {"ru": "Новое"}}, format="json"
    )
    assert response.status_code == 401
    assert _snapshot(offer) == before


def test_edit_of_others_published_item_is_forbidden_and_changes_nothing(holder):
    offer = OfferFactory()
    before = _snapshot(offer)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{offer.pk}/", {"titles": {"ru": "Чужое"}}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the owner can edit this item."}
    assert _snapshot(offer) == before


def test_edit_of_others_draft_is_not_found(holder):
    draft = OfferFactory(status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{draft.pk}/", {"titles": {"ru": "Чужое"}}, format="json"
    )
    assert response.status_code == 404


def test_edit_by_organiser_who_is_not_the_owner_is_forbidden(organiser):
    draft = OfferFactory(status=ItemStatus.SUBMITTED)
    before = _snapshot(draft)
    response = authenticated_client(organiser).patch(
        f"/api/v1/offers/{draft.pk}/", {"titles": {"ru": "Правка"}}, format="json"
    )
    assert response.status_code == 403
    assert _snapshot(draft) == before


def test_owner_edits_a_draft(holder):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{draft.pk}/",
        {
            "titles": {"ru": "Новое название", "en": "New title"},
            "readiness_level": 8,
            "technology_fields": ["ai", "ai.vision"],
        },
        format="json",
    )
    draft.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["titles"] == {"ru": "Новое название", "en": "New title"}
    assert draft.titles == {"ru": "Новое название", "en": "New title"}
    assert draft.readiness_level == 8
    assert sorted(field.code for field in draft.fields.all()) == ["ai", "ai.vision"]
    assert draft.status == ItemStatus.DRAFT
    entry = AuditEntry.objects.get(action=AuditAction.ITEM_UPDATED)
    assert entry.details == {"fields": ["fields", "readiness_level", "titles"]}


def test_owner_edit_of_published_item_sends_it_back_for_the_check(holder):
    offer = OfferFactory(**owned_by(holder), cooperation_forms=["licence"])
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{offer.pk}/",
        {"summaries": {"ru": "Новое", "zh": "新的"}},
        format="json",
    )
    offer.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert offer.status == ItemStatus.SUBMITTED


def test_owner_edit_that_would_leave_published_item_incomplete_changes_nothing(holder):
    offer = OfferFactory(**owned_by(holder))
    before = _snapshot(offer)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{offer.pk}/", {"summaries": {"ru": "Только по-русски"}}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Your changes cannot be published as they are:",
            "Give the title and the summary in at least one more language, so that partners "
            "abroad can read them.",
        ]
    }
    assert _snapshot(offer) == before


def test_owner_edit_with_invalid_value_changes_nothing(holder):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    before = _snapshot(draft)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{draft.pk}/",
        {"titles": {"ru": "Хорошо"}, "patents": ["RU 1"]},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["patents"]
    assert _snapshot(draft) == before


def test_owner_edit_of_archived_item_is_forbidden(holder):
    archived = OfferFactory(**owned_by(holder), status=ItemStatus.ARCHIVED)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{archived.pk}/", {"titles": {"ru": "Снова"}}, format="json"
    )
    assert response.status_code == 403


def test_owner_who_left_the_organisation_can_no_longer_edit(holder):
    offer = OfferFactory(**owned_by(holder))
    holder.memberships.update(status=MembershipStatus.REVOKED)
    response = authenticated_client(holder).patch(
        f"/api/v1/offers/{offer.pk}/", {"titles": {"ru": "Ещё"}}, format="json"
    )
    assert response.status_code == 403


def test_edit_budget_is_checked_against_the_stored_other_end(seeker):
    need = NeedFactory(**owned_by(seeker), budget_minimum=500, budget_maximum=900)
    response = authenticated_client(seeker).patch(
        f"/api/v1/needs/{need.pk}/", {"budget_maximum": 100}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "budget_maximum": ["The upper end of the budget is below the lower end."]
    }


def test_owner_sees_own_draft_in_detail(holder):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).get(f"/api/v1/offers/{draft.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_status_change_anonymous_is_unauthenticated(api_client):
    offer = OfferFactory(status=ItemStatus.DRAFT)
    response = api_client.post(
        f"/api/v1/offers/{offer.pk}/status/", {"status": "submitted"}, format="json"
    )
    assert response.status_code == 401


def test_status_change_of_others_item_is_forbidden_and_changes_nothing(holder):
    offer = OfferFactory()
    before = _snapshot(offer)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{offer.pk}/status/", {"status": "archived"}, format="json"
    )
    assert response.status_code == 403
    assert _snapshot(offer) == before


def test_owner_submits_a_complete_draft(holder):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{draft.pk}/status/", {"status": "submitted"}, format="json"
    )
    draft.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert draft.status == ItemStatus.SUBMITTED
    entry = AuditEntry.objects.get(action=AuditAction.ITEM_STATUS_CHANGED)
    assert entry.details == {"from": "draft", "to": "submitted", "comment": ""}


def test_owner_submission_of_incomplete_draft_is_refused_with_reasons(holder):
    draft = OfferFactory(
        **owned_by(holder),
        status=ItemStatus.DRAFT,
        published_at=None,
        summaries={},
        cooperation_forms=[],
    )
    before = _snapshot(draft)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{draft.pk}/status/", {"status": "submitted"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Give the title and the summary in the language you write in.",
            "Give the title and the summary in at least one more language, so that partners "
            "abroad can read them.",
            "Choose at least one form of cooperation.",
        ]
    }
    assert _snapshot(draft) == before


def test_owner_cannot_publish_own_submission(holder):
    submitted = OfferFactory(**owned_by(holder), status=ItemStatus.SUBMITTED)
    before = _snapshot(submitted)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{submitted.pk}/status/", {"status": "published"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "The organisers make this change, after their check of the item."
    }
    assert _snapshot(submitted) == before


def test_organiser_who_owns_an_item_cannot_skip_the_checklist(organiser):
    submitted = OfferFactory(**owned_by(organiser), status=ItemStatus.SUBMITTED)
    response = authenticated_client(organiser).post(
        f"/api/v1/offers/{submitted.pk}/status/", {"status": "published"}, format="json"
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.SUBMITTED


def test_impossible_transition_is_refused(holder):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{draft.pk}/status/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["An item that is “Draft” cannot become “Published”."]
    }


@pytest.mark.parametrize("status", ["returned", "expired", "deleted", "", 3])
def test_status_outside_the_owners_choices_is_refused(holder, status):
    draft = OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    response = authenticated_client(holder).post(
        f"/api/v1/offers/{draft.pk}/status/", {"status": status}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_owner_archives_and_restores(holder):
    expert = ExpertFactory(**owned_by(holder))
    client = authenticated_client(holder)
    archived = client.post(
        f"/api/v1/experts/{expert.pk}/status/", {"status": "archived"}, format="json"
    )
    restored = client.post(
        f"/api/v1/experts/{expert.pk}/status/", {"status": "draft"}, format="json"
    )
    assert (archived.status_code, archived.json()["status"]) == (200, "archived")
    assert (restored.status_code, restored.json()["status"]) == (200, "draft")
    assert [entry.details["to"] for entry in AuditEntry.objects.order_by("id")] == [
        "archived",
        "draft",
    ]
