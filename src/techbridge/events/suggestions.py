"""Whom a participant should meet: the matching engine's similarity of the participants'
catalogue items (``techbridge.matchmaking.selectors.similarity_matrix``).

A participant's items are the published offers, needs and expert profiles they own or
their registered organisation publishes. Two participants' score is the best similarity
of any pair of their items; participants without items get no score.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import CatalogueItem
from techbridge.events.enums import RegistrationRole, RegistrationStatus
from techbridge.events.models import Registration
from techbridge.matchmaking.selectors import similarity_matrix

# A participant's items considered at most (the newest): enough to describe what they
# bring, and it bounds the cost of a page.
ITEMS_PER_PARTICIPANT = 8
# Scores at or above this are shown as suggestions.
SUGGESTION_THRESHOLD = 0.5


def items_of(registrations: Sequence[Registration]) -> dict[int, list[CatalogueItem]]:
    """Each registration's published catalogue items, newest first, in one query."""
    users = {registration.user_id for registration in registrations}
    organisations = {
        registration.organisation_id
        for registration in registrations
        if registration.organisation_id is not None
    }
    items = list(
        CatalogueItem.objects.filter(status=ItemStatus.PUBLISHED)
        .filter(Q(owner_id__in=users) | Q(organisation_id__in=organisations))
        .select_related("organisation")
        .prefetch_related("fields")
        .order_by("-published_at", "-pk")
    )
    by_registration: dict[int, list[CatalogueItem]] = {}
    for registration in registrations:
        mine = [
            item
            for item in items
            if item.owner_id == registration.user_id
            or (
                registration.organisation_id is not None
                and item.organisation_id == registration.organisation_id
            )
        ]
        if mine:
            by_registration[registration.pk] = mine[:ITEMS_PER_PARTICIPANT]
    return by_registration


def participant_scores(viewer: Registration, others: Sequence[Registration]) -> dict[int, float]:
    """``{registration pk: score in [0, 1]}`` for the others that have items, when the
    viewer has items; empty otherwise."""
    items = items_of([viewer, *others])
    queries = items.get(viewer.pk, [])
    pool_owners = [(other.pk, item) for other in others for item in items.get(other.pk, [])]
    if not queries or not pool_owners:
        return {}
    matrix = similarity_matrix(queries, [item for _owner, item in pool_owners])
    scores: dict[int, float] = {}
    best = matrix.max(axis=0)
    for (owner, _item), score in zip(pool_owners, best, strict=True):
        scores[owner] = max(scores.get(owner, 0.0), float(score))
    return scores


def item_scores(viewer: Registration, pool: Sequence[CatalogueItem]) -> dict[int, float]:
    """``{item pk: score}`` of catalogue items against the viewer's own items."""
    queries = items_of([viewer]).get(viewer.pk, [])
    if not queries or not pool:
        return {}
    best = similarity_matrix(queries, list(pool)).max(axis=0)
    return {item.pk: float(score) for item, score in zip(pool, best, strict=True)}


def match_score(first: Registration, second: Registration) -> float | None:
    """The two participants' score, or ``None`` when either has no items. Computed
    against all the event's approved participants, as on the participant list: the
    engine corrects similarities with statistics of the pool it compares with."""
    others = list(
        Registration.objects.filter(
            event_id=first.event_id,
            status=RegistrationStatus.APPROVED,
            role=RegistrationRole.PARTICIPANT,
        ).exclude(pk=first.pk)
    )
    return participant_scores(first, others).get(second.pk)
