"""Reads of the catalogue: public listings with filters, sorting and search; an owner's
items; the organisers' moderation queue; interests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.catalogue.enums import InterestStatus, ItemKind, ItemStatus
from techbridge.catalogue.models import (
    Attachment,
    CatalogueItem,
    ExpertProfile,
    ExpressionOfInterest,
    ModerationReview,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.search import apply_search, query_terms

MODELS: dict[str, type[CatalogueItem]] = {
    ItemKind.OFFER: TechnologyOffer,
    ItemKind.NEED: TechnologyNeed,
    ItemKind.EXPERT: ExpertProfile,
}
SORTS = ("relevance", "newest", "oldest", "readiness")


@dataclass(frozen=True)
class CatalogueFilters:
    """What a reader asked for; empty values mean no filter."""

    query: str = ""
    field: str = ""
    readiness_minimum: int | None = None
    readiness_maximum: int | None = None
    country: str = ""
    organisation_type: str = ""
    cooperation_form: str = ""
    language: str = ""
    sort: str = ""


def _with_relations(items: QuerySet) -> QuerySet:
    """Everything a list row shows, fetched in a constant number of queries."""
    return items.select_related("organisation").prefetch_related(
        Prefetch("fields", queryset=TechnologyField.objects.select_related("parent"))
    )


def published_items(kind: ItemKind | str) -> QuerySet[CatalogueItem]:
    return _with_relations(MODELS[kind].objects.filter(status=ItemStatus.PUBLISHED))


def field_subtree_codes(code: str) -> list[str]:
    return list(
        TechnologyField.objects.filter(Q(code=code) | Q(code__startswith=f"{code}.")).values_list(
            "code", flat=True
        )
    )


def filter_items(
    items: QuerySet[CatalogueItem], kind: ItemKind | str, filters: CatalogueFilters
) -> QuerySet[CatalogueItem]:
    """Apply the filters, the search and the sort order to a listing."""
    if filters.field:
        in_field = CatalogueItem.fields.through.objects.filter(
            technologyfield__code__in=field_subtree_codes(filters.field)
        ).values("catalogueitem_id")
        items = items.filter(pk__in=in_field)
    readiness = {
        ItemKind.OFFER: "readiness_level",
        ItemKind.NEED: "minimum_readiness_level",
    }.get(ItemKind(kind))
    if readiness and filters.readiness_minimum:
        items = items.filter(**{f"{readiness}__gte": filters.readiness_minimum})
    if readiness and filters.readiness_maximum:
        items = items.filter(**{f"{readiness}__lte": filters.readiness_maximum})
    if filters.country:
        items = items.filter(organisation__country=filters.country)
    if filters.organisation_type:
        items = items.filter(organisation__organisation_type=filters.organisation_type)
    if filters.cooperation_form:
        # Codes are fixed identifiers, so a match on the JSON text of the list is exact and
        # works on SQLite and PostgreSQL alike.
        items = items.filter(cooperation_forms__icontains=f'"{filters.cooperation_form}"')
    if filters.language:
        items = items.filter(titles__has_key=filters.language)
    # A query with nothing searchable in it (only punctuation, only digits) is no search.
    searching = bool(query_terms(filters.query))
    if searching:
        items = apply_search(items, filters.query)
    sort = filters.sort or ("relevance" if searching else "newest")
    if sort == "relevance" and searching:
        return items.order_by("-search_score", "-published_at", "-pk")
    if sort == "oldest":
        return items.order_by("published_at", "pk")
    if sort == "readiness" and readiness:
        return items.order_by(f"-{readiness}", "-published_at", "-pk")
    return items.order_by("-published_at", "-pk")


def newest_published(kind: ItemKind | str, limit: int = 5) -> list[CatalogueItem]:
    return list(published_items(kind).order_by("-published_at", "-pk")[:limit])


def items_of_owner(user: User) -> QuerySet[CatalogueItem]:
    return (
        CatalogueItem.objects.filter(owner=user)
        .select_related("organisation")
        .order_by("-updated_at")
    )


def moderation_queue() -> QuerySet[CatalogueItem]:
    return (
        CatalogueItem.objects.filter(status=ItemStatus.SUBMITTED)
        .select_related("organisation", "owner")
        .order_by("submitted_at", "pk")
    )


def item_for_page(pk: int) -> CatalogueItem:
    """The specific item (offer, need or expert) with what its page shows."""
    base = CatalogueItem.objects.only("kind").get(pk=pk)
    return (
        _with_relations(MODELS[base.kind].objects.all())
        .select_related("owner", "organisation")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
            Prefetch("reviews", queryset=ModerationReview.objects.select_related("reviewer")),
        )
        .get(pk=pk)
    )


def interests_for_item(item: CatalogueItem) -> QuerySet[ExpressionOfInterest]:
    return item.interests.select_related("sender", "sender_organisation")


def interests_of_user(user: User) -> QuerySet[ExpressionOfInterest]:
    """Interests the user sent, and those received on the user's items."""
    return (
        ExpressionOfInterest.objects.filter(Q(sender=user) | Q(item__owner=user))
        .select_related("item", "sender", "sender_organisation", "item__organisation")
        .order_by("-created_at")
    )


def accepted_interest(item: CatalogueItem, user: User) -> ExpressionOfInterest | None:
    return (
        ExpressionOfInterest.objects.filter(item=item, sender=user, status=InterestStatus.ACCEPTED)
        .select_related("sender", "sender_organisation")
        .first()
    )


def technology_field_choices() -> list[tuple[TechnologyField, list[TechnologyField]]]:
    """Top-level fields with their subfields, for filters and forms."""
    fields = list(TechnologyField.objects.filter(is_active=True).order_by("position", "code"))
    roots = [field for field in fields if field.parent_id is None]
    return [(root, [field for field in fields if field.parent_id == root.pk]) for root in roots]
