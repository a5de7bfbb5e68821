"""Who may do what in the catalogue: small named predicates shared by pages, API, services."""

from __future__ import annotations

from typing import Any

from techbridge.accounts.enums import Role
from techbridge.accounts.models import Organisation
from techbridge.accounts.rules import acting_memberships, is_organiser
from techbridge.catalogue.enums import InterestStatus, ItemKind, ItemStatus
from techbridge.catalogue.models import CatalogueItem, ExpressionOfInterest

# The role a person needs in a verified organisation to publish each kind of item.
ROLE_FOR_KIND = {
    ItemKind.OFFER: Role.TECHNOLOGY_HOLDER,
    ItemKind.NEED: Role.TECHNOLOGY_SEEKER,
    ItemKind.EXPERT: Role.EXPERT,
}


def organisations_for_kind(user: Any, kind: ItemKind | str) -> list[Organisation]:
    """Verified organisations in which the user may create items of this kind."""
    roles = {ROLE_FOR_KIND[ItemKind(kind)], Role.ORGANISER}
    return [
        membership.organisation
        for membership in acting_memberships(user)
        .filter(role__in=roles)
        .select_related("organisation")
    ]


def can_create_item(user: Any, kind: ItemKind | str) -> bool:
    return bool(organisations_for_kind(user, kind))


def is_item_owner(user: Any, item: CatalogueItem) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and item.owner_id == user.pk


def can_act_for_item(user: Any, item: CatalogueItem) -> bool:
    """The owner, while their organisation is verified and they still belong to it."""
    return (
        is_item_owner(user, item)
        and acting_memberships(user).filter(organisation_id=item.organisation_id).exists()
    )


def can_moderate(user: Any) -> bool:
    return is_organiser(user)


def can_view_item(user: Any, item: CatalogueItem) -> bool:
    return item.status == ItemStatus.PUBLISHED or is_item_owner(user, item) or is_organiser(user)


def can_edit_item(user: Any, item: CatalogueItem) -> bool:
    return can_act_for_item(user, item) and item.status != ItemStatus.ARCHIVED


def can_express_interest(user: Any, item: CatalogueItem) -> bool:
    """Signed-in members of a verified organisation, not the owner, on a published item."""
    return (
        item.status == ItemStatus.PUBLISHED
        and not is_item_owner(user, item)
        and acting_memberships(user).exists()
    )


def can_answer_interest(user: Any, interest: ExpressionOfInterest) -> bool:
    return interest.status == InterestStatus.SENT and (
        can_act_for_item(user, interest.item) or is_organiser(user)
    )


def can_see_owner_contacts(user: Any, item: CatalogueItem) -> bool:
    """Contacts stay hidden until an expression of interest has been accepted."""
    if is_item_owner(user, item) or is_organiser(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return ExpressionOfInterest.objects.filter(
        item=item, sender=user, status=InterestStatus.ACCEPTED
    ).exists()


def can_see_interest(user: Any, interest: ExpressionOfInterest) -> bool:
    return (
        interest.sender_id == getattr(user, "pk", None)
        or is_item_owner(user, interest.item)
        or is_organiser(user)
    )
