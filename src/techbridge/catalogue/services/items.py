"""Creating and editing catalogue items. Editing a published item sends it back for a
check, so that nothing unchecked is ever public."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation, User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue import rules
from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.models import (
    CatalogueItem,
    ExpertProfile,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.patents import normalise_patent_number
from techbridge.catalogue.search import index_item
from techbridge.catalogue.services.lifecycle import announce_change, change_item_status

MODELS = {
    ItemKind.OFFER: TechnologyOffer,
    ItemKind.NEED: TechnologyNeed,
    ItemKind.EXPERT: ExpertProfile,
}


def _normalised(kind: ItemKind, values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    if kind == ItemKind.OFFER and "patents" in values:
        values["patents"] = [normalise_patent_number(number) for number in values["patents"]]
    return values


@transaction.atomic
def create_item(
    *,
    kind: ItemKind | str,
    owner: User,
    organisation: Organisation,
    fields: list[TechnologyField],
    request: HttpRequest | None = None,
    **values: Any,
) -> CatalogueItem:
    """Create an item as a draft, on behalf of one of the owner's verified organisations."""
    kind = ItemKind(kind)
    if organisation not in rules.organisations_for_kind(owner, kind):
        raise PermissionDenied
    item = MODELS[kind](owner=owner, organisation=organisation, **_normalised(kind, values))
    item.status = ItemStatus.DRAFT
    item.full_clean(exclude=["fields"])
    item.save()
    item.fields.set(fields)
    index_item(item)
    record_action(actor=owner, action=AuditAction.ITEM_CREATED, target=item, request=request)
    announce_change(item)
    return item


@transaction.atomic
def update_item(
    *,
    item: CatalogueItem,
    actor: User,
    fields: list[TechnologyField] | None = None,
    request: HttpRequest | None = None,
    **values: Any,
) -> CatalogueItem:
    """Save the owner's changes; a published item goes back to the organisers' check.

    Works on a fresh, locked copy and writes only the changed columns, so a stale object
    in the caller's hands never overwrites the status or anything else."""
    specific = MODELS[ItemKind(item.kind)].objects.select_for_update().get(pk=item.pk)
    if not rules.can_edit_item(actor, specific):
        raise PermissionDenied
    changed = []
    for name, value in _normalised(ItemKind(item.kind), values).items():
        if getattr(specific, name) != value:
            setattr(specific, name, value)
            changed.append(name)
    if fields is not None and set(fields) != set(specific.fields.all()):
        changed.append("fields")
    if not changed:
        return specific
    specific.full_clean(exclude=["fields"])
    specific.save(update_fields=[name for name in changed if name != "fields"] + ["updated_at"])
    if fields is not None:
        specific.fields.set(fields)
    index_item(specific)
    announce_change(specific)
    record_action(
        actor=actor,
        action=AuditAction.ITEM_UPDATED,
        target=specific,
        details={"fields": sorted(changed)},
        request=request,
    )
    if specific.status == ItemStatus.PUBLISHED:
        try:
            change_item_status(
                item=specific, to_status=ItemStatus.SUBMITTED, actor=actor, request=request
            )
        except ValidationError as error:
            raise ValidationError(
                [_("Your changes cannot be published as they are:"), *error.messages]
            ) from error
        specific.refresh_from_db()
    return specific
