"""The lifecycle: one state-change service that checks transitions and permissions,
audits and notifies; refused changes change nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.enums import CheckPoint, ItemKind, ItemStatus
from techbridge.catalogue.models import CatalogueItem, TechnologyField
from techbridge.catalogue.services.items import create_item, update_item
from techbridge.catalogue.services.lifecycle import (
    change_item_status,
    expire_items,
    extend_publication,
    review_item,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
ALL_CHECKS = dict.fromkeys(CheckPoint.values, True)


def _draft(holder, **values):
    organisation = holder.memberships.get().organisation
    defaults = {
        "source_language": "ru",
        "titles": {"ru": "Бескислородная медь для вакуумных приборов", "zh": "真空器件用无氧铜"},
        "summaries": {
            "ru": "Медь марки М0б с содержанием кислорода менее 3 ppm.",
            "zh": "氧含量低于3 ppm的M0b无氧铜。",
        },
        "readiness_level": 7,
        "cooperation_forms": ["licence"],
        "patents": ["ru 2712345 c1"],
    }
    return create_item(
        kind=ItemKind.OFFER,
        owner=holder,
        organisation=organisation,
        fields=[TechnologyField.objects.get(code="materials.copper")],
        **{**defaults, **values},
    )


def test_create_item_makes_a_normalised_indexed_draft(holder):
    offer = _draft(holder)
    assert offer.status == ItemStatus.DRAFT
    assert offer.patents == ["RU 2712345 C1"]
    assert AuditEntry.objects.filter(action=AuditAction.ITEM_CREATED, actor=holder).count() == 1


def test_create_item_requires_the_right_role(seeker):
    with pytest.raises(PermissionDenied):
        create_item(
            kind=ItemKind.OFFER,
            owner=seeker,
            organisation=seeker.memberships.get().organisation,
            fields=[],
            source_language="zh",
            titles={"zh": "铜"},
            readiness_level=3,
        )
    assert CatalogueItem.objects.count() == 0


def test_submit_notifies_organisers_and_is_audited(
    holder, organiser, django_capture_on_commit_callbacks
):
    offer = _draft(holder)
    with django_capture_on_commit_callbacks(execute=True):
        change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.SUBMITTED
    assert [message.to for message in mail.outbox] == [[organiser.email]]
    entry = AuditEntry.objects.get(action=AuditAction.ITEM_STATUS_CHANGED)
    assert entry.details == {"from": "draft", "to": "submitted", "comment": ""}


def test_incomplete_draft_cannot_be_submitted_and_stays_a_draft(holder):
    offer = _draft(holder, titles={"ru": "Только по-русски"}, summaries={})
    with pytest.raises(ValidationError) as error:
        change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    assert "at least one more language" in " ".join(error.value.messages)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.DRAFT


def test_only_organisers_publish(holder):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    for actor in (holder, UserFactory()):
        with pytest.raises(PermissionDenied):
            change_item_status(item=offer, to_status=ItemStatus.PUBLISHED, actor=actor)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.SUBMITTED


def test_unknown_transition_is_refused(holder):
    offer = _draft(holder)
    with pytest.raises(ValidationError):
        change_item_status(item=offer, to_status=ItemStatus.EXPIRED, actor=holder)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.DRAFT


def test_return_requires_comment_then_author_fixes_and_it_is_published(
    holder, organiser, django_capture_on_commit_callbacks
):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    with pytest.raises(ValidationError):
        review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=False, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        review_item(
            item=offer,
            reviewer=organiser,
            checks={**ALL_CHECKS, "languages": False},
            publish=False,
            comment="Уточните марку меди в китайском резюме.",
        )
    offer.refresh_from_db()
    assert offer.status == ItemStatus.RETURNED
    assert mail.outbox[-1].to == [holder.email]
    assert "Уточните марку меди" in mail.outbox[-1].body

    update_item(item=offer, actor=holder, summaries={**offer.summaries, "zh": "M0b级无氧铜。"})
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review = review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.PUBLISHED
    assert review.decision == "publish"
    assert offer.expires_at - offer.published_at == timedelta(days=365)


def test_publishing_needs_every_check(holder, organiser):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    with pytest.raises(ValidationError):
        review_item(
            item=offer, reviewer=organiser, checks={**ALL_CHECKS, "ip": False}, publish=True
        )
    offer.refresh_from_db()
    assert offer.status == ItemStatus.SUBMITTED


def test_editing_a_published_item_sends_it_back_for_a_check(holder, organiser):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    updated = update_item(item=offer, actor=holder, readiness_level=8)
    assert (updated.status, updated.readiness_level) == (ItemStatus.SUBMITTED, 8)


def test_expiry_reminds_first_then_expires_and_owner_renews(
    holder, organiser, django_capture_on_commit_callbacks
):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    offer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_items(now=offer.expires_at - timedelta(days=10)) == (1, 0)
        assert expire_items(now=offer.expires_at - timedelta(days=9)) == (0, 0)
        assert expire_items(now=offer.expires_at + timedelta(seconds=1)) == (0, 1)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.EXPIRED
    # The holder reads Russian: reminder, then expiry notice, in Russian.
    assert [message.subject for message in mail.outbox] == [
        "Скоро истекает срок публикации «Бескислородная медь для вакуумных приборов»",
        "Срок публикации истёк: «Бескислородная медь для вакуумных приборов»",
    ]
    change_item_status(item=offer, to_status=ItemStatus.PUBLISHED, actor=holder)
    offer.refresh_from_db()
    assert offer.status == ItemStatus.PUBLISHED
    assert offer.expires_at > timezone.now() + timedelta(days=364)


def test_owner_of_an_unverified_organisation_cannot_act(holder):
    offer = _draft(holder)
    organisation = offer.organisation
    organisation.is_verified = False
    organisation.save()
    with pytest.raises(PermissionDenied):
        change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)


def test_owner_extends_a_publication_before_it_expires(holder, organiser):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    CatalogueItem.objects.filter(pk=offer.pk).update(
        expires_at=timezone.now() + timedelta(days=5), expiry_reminded_at=timezone.now()
    )
    extended = extend_publication(item=offer, actor=holder)
    assert extended.status == ItemStatus.PUBLISHED
    assert extended.expires_at > timezone.now() + timedelta(days=364)
    assert extended.expiry_reminded_at is None


def test_others_cannot_extend_a_publication(holder, organiser):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    offer.refresh_from_db()
    before = offer.expires_at
    with pytest.raises(PermissionDenied):
        extend_publication(item=offer, actor=UserFactory())
    offer.refresh_from_db()
    assert offer.expires_at == before


def test_expiry_command_is_safe_to_run_twice(holder, organiser):
    offer = _draft(holder)
    change_item_status(item=offer, to_status=ItemStatus.SUBMITTED, actor=holder)
    review_item(item=offer, reviewer=organiser, checks=ALL_CHECKS, publish=True)
    CatalogueItem.objects.filter(pk=offer.pk).update(expires_at=timezone.now())
    first, second = StringIO(), StringIO()
    call_command("expire_catalogue_items", stdout=first)
    call_command("expire_catalogue_items", stdout=second)
    assert first.getvalue().strip() == "Reminded 0 owners; expired 1 items."
    assert second.getvalue().strip() == "Reminded 0 owners; expired 0 items."
