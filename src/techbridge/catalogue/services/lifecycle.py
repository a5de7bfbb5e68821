"""The lifecycle of catalogue items, changed only through ``change_item_status``.

    draft ──submit──▶ submitted ──publish──▶ published ──(period ends)──▶ expired
      ▲                 │   ▲                    │                          │
      │            return  resubmit         edit → re-check             renew ─▶ published
      │                 ▼   │                    ▼
      └─ restore ── archived ◀── archive (from any state but archived)

Every change checks that the transition exists and that the actor may make it, records it
in the audit log and notifies the people concerned, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue import rules
from techbridge.catalogue.enums import CheckPoint, ItemKind, ItemStatus
from techbridge.catalogue.models import CatalogueItem, ModerationReview
from techbridge.catalogue.patents import PatentNumberError, normalise_patent_number
from techbridge.catalogue.services.notifications import notify, organisers
from techbridge.catalogue.signals import item_changed

S = ItemStatus


@dataclass(frozen=True)
class Transition:
    """Who may move an item from one state to another: the owner, an organiser, the
    system (scheduled jobs), or a combination."""

    owner: bool = False
    organiser: bool = False
    system: bool = False


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.DRAFT, S.SUBMITTED): Transition(owner=True),
    (S.RETURNED, S.SUBMITTED): Transition(owner=True),
    (S.SUBMITTED, S.DRAFT): Transition(owner=True),
    (S.SUBMITTED, S.PUBLISHED): Transition(organiser=True),
    (S.SUBMITTED, S.RETURNED): Transition(organiser=True),
    (S.PUBLISHED, S.SUBMITTED): Transition(owner=True),
    (S.PUBLISHED, S.EXPIRED): Transition(system=True),
    (S.EXPIRED, S.PUBLISHED): Transition(owner=True, organiser=True),
    (S.DRAFT, S.ARCHIVED): Transition(owner=True, organiser=True),
    (S.SUBMITTED, S.ARCHIVED): Transition(owner=True, organiser=True),
    (S.RETURNED, S.ARCHIVED): Transition(owner=True, organiser=True),
    (S.PUBLISHED, S.ARCHIVED): Transition(owner=True, organiser=True),
    (S.EXPIRED, S.ARCHIVED): Transition(owner=True, organiser=True, system=True),
    (S.ARCHIVED, S.DRAFT): Transition(owner=True),
}


def allowed_transitions(item: CatalogueItem, actor: User | None) -> list[str]:
    """The states this actor may move the item to now."""
    return [
        target
        for (source, target), transition in TRANSITIONS.items()
        if source == item.status and _may(actor, item, transition)
    ]


def _may(actor: User | None, item: CatalogueItem, transition: Transition) -> bool:
    if actor is None:
        return transition.system
    return (transition.owner and rules.can_act_for_item(actor, item)) or (
        transition.organiser and rules.can_moderate(actor)
    )


def completeness_problems(item: CatalogueItem) -> list[str]:
    """What must be filled in before the item can be submitted for checking."""
    problems = []
    specific = item.specific
    if item.source_language not in item.titles or item.source_language not in item.summaries:
        problems.append(_("Give the title and the summary in the language you write in."))
    if len(item.titles) < 2 or len(item.summaries) < 2:
        problems.append(
            _(
                "Give the title and the summary in at least one more language, so that "
                "partners abroad can read them."
            )
        )
    if not item.fields.exists():
        problems.append(_("Choose at least one technology field."))
    if item.kind in (ItemKind.OFFER, ItemKind.NEED) and not item.cooperation_forms:
        problems.append(_("Choose at least one form of cooperation."))
    if item.kind == ItemKind.OFFER:
        for number in specific.patents:
            try:
                normalise_patent_number(number)
            except PatentNumberError as error:
                problems.append(str(error))
    if item.kind == ItemKind.EXPERT and not specific.display_names:
        problems.append(_("Give the expert's name."))
    return problems


@transaction.atomic
def change_item_status(
    *,
    item: CatalogueItem,
    to_status: ItemStatus | str,
    actor: User | None,
    comment: str = "",
    request: HttpRequest | None = None,
) -> CatalogueItem:
    """The one way to change an item's status. Raises ``PermissionDenied`` for a
    transition the actor may not make and ``ValidationError`` for one that does not exist
    or for an incomplete submission; nothing changes then."""
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    source, target = item.status, ItemStatus(to_status)
    transition = TRANSITIONS.get((source, target))
    if transition is None:
        raise ValidationError(
            _("An item that is “%(source)s” cannot become “%(target)s”.")
            % {"source": ItemStatus(source).label, "target": target.label},
            code="invalid_transition",
        )
    if not _may(actor, item, transition):
        raise PermissionDenied
    if target == S.SUBMITTED:
        problems = completeness_problems(item)
        if problems:
            raise ValidationError(problems, code="incomplete")
    now = timezone.now()
    item.status = target
    item.status_changed_at = now
    if target == S.SUBMITTED:
        item.submitted_at = now
    if target == S.PUBLISHED:
        item.published_at = now
        item.expires_at = now + timedelta(days=settings.CATALOGUE_PUBLICATION_DAYS)
        item.expiry_reminded_at = None
    item.save(
        update_fields=[
            "status",
            "status_changed_at",
            "submitted_at",
            "published_at",
            "expires_at",
            "expiry_reminded_at",
            "updated_at",
        ]
    )
    record_action(
        actor=actor,
        action=AuditAction.ITEM_STATUS_CHANGED,
        target=item,
        details={"from": source, "to": target.value, "comment": comment},
        request=request,
    )
    _notify_status_change(item, source, target, comment)
    announce_change(item)
    return item


def announce_change(item: CatalogueItem) -> None:
    """Tell listeners (matching) once the transaction that changed the item commits."""
    transaction.on_commit(lambda: item_changed.send(sender=CatalogueItem, item_id=item.pk))


def _notify_status_change(
    item: CatalogueItem, source: str, target: ItemStatus, comment: str
) -> None:
    owner = [item.owner]
    if target == S.SUBMITTED:
        transaction.on_commit(lambda: notify(organisers(), "submitted", item))
    elif target == S.RETURNED:
        transaction.on_commit(lambda: notify(owner, "returned", item, comment=comment))
    elif target == S.PUBLISHED and source == S.SUBMITTED:
        transaction.on_commit(lambda: notify(owner, "published", item))
    elif target == S.EXPIRED:
        transaction.on_commit(lambda: notify(owner, "expired", item))


@transaction.atomic
def review_item(
    *,
    item: CatalogueItem,
    reviewer: User,
    checks: dict[str, bool],
    publish: bool,
    comment: str = "",
    request: HttpRequest | None = None,
) -> ModerationReview:
    """An organiser checks a submitted item against the checklist, then publishes it or
    returns it with a comment. Publishing needs every check passed; returning needs a
    comment that tells the author what to fix."""
    if not rules.can_moderate(reviewer):
        raise PermissionDenied
    results = {code: bool(checks.get(code)) for code in CheckPoint.values}
    if publish and not all(results.values()):
        raise ValidationError(
            _("Every point of the checklist must pass before the item is published."),
            code="checklist",
        )
    if not publish and not comment.strip():
        raise ValidationError(
            _("Tell the author what to change before returning the item."), code="comment"
        )
    change_item_status(
        item=item,
        to_status=S.PUBLISHED if publish else S.RETURNED,
        actor=reviewer,
        comment=comment.strip(),
        request=request,
    )
    return ModerationReview.objects.create(
        item=item,
        reviewer=reviewer,
        decision=ModerationReview.Decision.PUBLISH if publish else ModerationReview.Decision.RETURN,
        checks=results,
        comment=comment.strip(),
    )


def expire_items(*, now=None) -> tuple[int, int]:
    """Scheduled job: remind owners of items expiring soon, expire those past their date.
    Safe to run twice. Returns (reminded, expired)."""
    now = now or timezone.now()
    reminded = 0
    soon = now + timedelta(days=settings.CATALOGUE_REMINDER_DAYS)
    for item in CatalogueItem.objects.filter(
        status=S.PUBLISHED,
        expires_at__lte=soon,
        expires_at__gt=now,
        expiry_reminded_at__isnull=True,
    ).select_related("owner"):
        with transaction.atomic():
            updated = CatalogueItem.objects.filter(
                pk=item.pk, expiry_reminded_at__isnull=True
            ).update(expiry_reminded_at=now)
            if updated:
                reminded += 1
                transaction.on_commit(lambda item=item: notify([item.owner], "expiring", item))
    expired = 0
    for item in CatalogueItem.objects.filter(status=S.PUBLISHED, expires_at__lte=now):
        change_item_status(item=item, to_status=S.EXPIRED, actor=None)
        expired += 1
    return reminded, expired


@transaction.atomic
def extend_publication(
    *, item: CatalogueItem, actor: User, request: HttpRequest | None = None
) -> CatalogueItem:
    """The owner keeps a published item online for another full period, before it
    expires (the reminder e-mail invites this). The status does not change."""
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if not rules.can_act_for_item(actor, item):
        raise PermissionDenied
    if item.status != S.PUBLISHED:
        raise ValidationError(_("Only a published item can be extended."), code="not_published")
    item.expires_at = timezone.now() + timedelta(days=settings.CATALOGUE_PUBLICATION_DAYS)
    item.expiry_reminded_at = None
    item.save(update_fields=["expires_at", "expiry_reminded_at", "updated_at"])
    record_action(
        actor=actor,
        action=AuditAction.ITEM_STATUS_CHANGED,
        target=item,
        details={
            "from": S.PUBLISHED.value,
            "to": S.PUBLISHED.value,
            "extended_until": item.expires_at.isoformat(),
        },
        request=request,
    )
    return item
