"""The catalogue: published offers, needs and expert profiles for everyone; creating,
editing and status changes for their owners.

Reads go through ``catalogue.selectors`` (the same filters and search as the pages),
writes through ``catalogue.services`` (the same validation, lifecycle, audit and
notifications), and every refusal through the same predicates of ``catalogue.rules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.api.pagination import CataloguePagination
from techbridge.api.schema import (
    BAD_REQUEST,
    FORBIDDEN,
    ITEM_ID,
    NOT_FOUND,
    UNAUTHENTICATED,
    UNSUPPORTED_MEDIA_TYPE,
)
from techbridge.api.serializers.filters import FILTER_SERIALIZERS, query_parameters
from techbridge.api.serializers.items import DETAIL_SERIALIZERS, SUMMARY_SERIALIZERS, item_url
from techbridge.api.serializers.writes import (
    CREATE_SERIALIZERS,
    UPDATE_SERIALIZERS,
    StatusChangeSerializer,
)
from techbridge.api.views.base import ApiView, parse_item_id
from techbridge.catalogue import rules
from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.selectors import filter_items, item_for_page, published_items
from techbridge.catalogue.services.items import create_item, update_item
from techbridge.catalogue.services.lifecycle import TRANSITIONS, change_item_status

if TYPE_CHECKING:
    from techbridge.catalogue.models import CatalogueItem


def _detail_response(
    item_id: int,
    request: Request,
    status_code: int = status.HTTP_200_OK,
    headers: dict[str, str] | None = None,
) -> Response:
    """The item's full record as it stands in the database now."""
    item = item_for_page(item_id)
    serializer = DETAIL_SERIALIZERS[ItemKind(item.kind)](item, context={"request": request})
    return Response(serializer.data, status=status_code, headers=headers)


class ItemListView(ApiView):
    """GET: published items of one kind, filtered, searched, sorted, paginated.
    POST: a new draft of the caller's."""

    kind: ItemKind
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = CataloguePagination

    def get(self, request: Request) -> Response:
        filters = FILTER_SERIALIZERS[self.kind](data=query_parameters(request))
        filters.is_valid(raise_exception=True)
        items = filter_items(published_items(self.kind), self.kind, filters.filters())
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        serializer = SUMMARY_SERIALIZERS[self.kind](page, many=True, context={"request": request})
        return paginator.get_paginated_response(serializer.data)

    def post(self, request: Request) -> Response:
        if not rules.can_create_item(request.user, self.kind):
            role = rules.ROLE_FOR_KIND[self.kind]
            raise PermissionDenied(
                gettext("To create this, you need the role “%(role)s” in a verified organisation.")
                % {"role": role.label}
            )
        serializer = CREATE_SERIALIZERS[self.kind](
            data=request.data, context={"request": request, "kind": self.kind}
        )
        serializer.is_valid(raise_exception=True)
        item = create_item(
            kind=self.kind,
            owner=request.user,
            organisation=serializer.validated_data["organisation"],
            fields=serializer.validated_data.get("technology_fields", []),
            request=request._request,
            **serializer.values(),
        )
        return _detail_response(
            item.pk, request, status.HTTP_201_CREATED, headers={"Location": item_url(item, request)}
        )


class ItemView(ApiView):
    """Views of one item of one kind, found by the id in the URL."""

    kind: ItemKind
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_item(self, request: Request, item_id: str) -> CatalogueItem:
        """The item with everything its record shows; 404 when it does not exist, is of
        another kind, or is not visible to the caller (drafts of others)."""
        pk = parse_item_id(item_id)
        if pk is None:
            raise NotFound
        try:
            item = item_for_page(pk)
        except ObjectDoesNotExist:
            raise NotFound from None
        if item.kind != self.kind or not rules.can_view_item(request.user, item):
            raise NotFound
        return item


class ItemDetailView(ItemView):
    """GET: the item's full record. PATCH: the owner's changes."""

    def get(self, request: Request, item_id: str) -> Response:
        item = self.get_item(request, item_id)
        serializer = DETAIL_SERIALIZERS[self.kind](item, context={"request": request})
        return Response(serializer.data)

    def patch(self, request: Request, item_id: str) -> Response:
        item = self.get_item(request, item_id)
        if not rules.can_edit_item(request.user, item):
            raise PermissionDenied(gettext("Only the owner can edit this item."))
        serializer = UPDATE_SERIALIZERS[self.kind](
            data=request.data,
            partial=True,
            context={"request": request, "kind": self.kind, "item": item},
        )
        serializer.is_valid(raise_exception=True)
        update_item(
            item=item,
            actor=request.user,
            fields=serializer.validated_data.get("technology_fields"),
            request=request._request,
            **serializer.values(),
        )
        return _detail_response(item.pk, request)


class ItemStatusView(ItemView):
    """POST: the owner moves the item through its lifecycle."""

    def post(self, request: Request, item_id: str) -> Response:
        item = self.get_item(request, item_id)
        if not rules.can_act_for_item(request.user, item):
            raise PermissionDenied(gettext("Only the owner can change this item's status."))
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = ItemStatus(serializer.validated_data["status"])
        transition = TRANSITIONS.get((item.status, target))
        # Publishing a submission and returning it are the organisers' decisions after
        # their checklist, in the back office; the API never skips that check.
        if transition is not None and not transition.owner:
            raise PermissionDenied(
                gettext("The organisers make this change, after their check of the item.")
            )
        change_item_status(
            item=item,
            to_status=target,
            actor=request.user,
            comment=serializer.validated_data["comment"],
            request=request._request,
        )
        return _detail_response(item.pk, request)


def _documented_list(kind: ItemKind, plural: str) -> Any:
    return extend_schema_view(
        get=extend_schema(
            summary=f"Published {plural}",
            description=(
                "The filters and the search of the catalogue pages. Sorted by relevance when "
                "`q` is given, newest first otherwise. Other statuses are never listed here "
                "(see /api/v1/my/items/)."
            ),
            parameters=[FILTER_SERIALIZERS[kind]],
            responses={
                200: SUMMARY_SERIALIZERS[kind](many=True),
                400: BAD_REQUEST,
                401: UNAUTHENTICATED,
                404: NOT_FOUND,
            },
            tags=["catalogue"],
        ),
        post=extend_schema(
            summary=f"Create a draft of {plural}",
            description=(
                "Needs the role for this kind of item in a verified organisation (holder: "
                "offers, seeker: needs, expert: profiles; organisers: all). The item starts "
                "as a draft; submit it with the status operation."
            ),
            request=CREATE_SERIALIZERS[kind],
            responses={
                201: DETAIL_SERIALIZERS[kind],
                400: BAD_REQUEST,
                401: UNAUTHENTICATED,
                403: FORBIDDEN,
                415: UNSUPPORTED_MEDIA_TYPE,
            },
            tags=["catalogue"],
        ),
    )


def _documented_detail(kind: ItemKind, plural: str) -> Any:
    return extend_schema_view(
        get=extend_schema(
            summary=f"One of the {plural}",
            description=(
                "Published items for everyone; your own items (and, for organisers, any "
                "item) in every status. Others' unpublished items are not found (404)."
            ),
            parameters=[ITEM_ID],
            responses={200: DETAIL_SERIALIZERS[kind], 401: UNAUTHENTICATED, 404: NOT_FOUND},
            tags=["catalogue"],
        ),
        patch=extend_schema(
            summary=f"Edit one of your {plural}",
            description=(
                "Only the fields sent change; a multilingual text sent replaces the stored one "
                "in all its languages. Editing a published item sends it back for the "
                "organisers' check (status `submitted`), as on the pages."
            ),
            parameters=[ITEM_ID],
            request=UPDATE_SERIALIZERS[kind],
            responses={
                200: DETAIL_SERIALIZERS[kind],
                400: BAD_REQUEST,
                401: UNAUTHENTICATED,
                403: FORBIDDEN,
                404: NOT_FOUND,
                415: UNSUPPORTED_MEDIA_TYPE,
            },
            tags=["catalogue"],
        ),
    )


def _documented_status(kind: ItemKind, plural: str) -> Any:
    return extend_schema_view(
        post=extend_schema(
            summary=f"Change the status of one of your {plural}",
            description=(
                "The lifecycle of the pages: `submitted` sends a draft (or a returned item) "
                "for the organisers' check and requires a complete item; `draft` withdraws a "
                "submission or restores an archived item; `published` renews an expired item; "
                "`archived` withdraws the item. Publishing a submission and returning it are "
                "the organisers' decisions in the back office (403 here)."
            ),
            parameters=[ITEM_ID],
            request=StatusChangeSerializer,
            responses={
                200: DETAIL_SERIALIZERS[kind],
                400: BAD_REQUEST,
                401: UNAUTHENTICATED,
                403: FORBIDDEN,
                404: NOT_FOUND,
                415: UNSUPPORTED_MEDIA_TYPE,
            },
            tags=["catalogue"],
        ),
    )


@_documented_list(ItemKind.OFFER, "technology offers")
class OfferListView(ItemListView):
    kind = ItemKind.OFFER


@_documented_detail(ItemKind.OFFER, "technology offers")
class OfferDetailView(ItemDetailView):
    kind = ItemKind.OFFER


@_documented_status(ItemKind.OFFER, "technology offers")
class OfferStatusView(ItemStatusView):
    kind = ItemKind.OFFER


@_documented_list(ItemKind.NEED, "technology needs")
class NeedListView(ItemListView):
    kind = ItemKind.NEED


@_documented_detail(ItemKind.NEED, "technology needs")
class NeedDetailView(ItemDetailView):
    kind = ItemKind.NEED


@_documented_status(ItemKind.NEED, "technology needs")
class NeedStatusView(ItemStatusView):
    kind = ItemKind.NEED


@_documented_list(ItemKind.EXPERT, "expert profiles")
class ExpertListView(ItemListView):
    kind = ItemKind.EXPERT


@_documented_detail(ItemKind.EXPERT, "expert profiles")
class ExpertDetailView(ItemDetailView):
    kind = ItemKind.EXPERT


@_documented_status(ItemKind.EXPERT, "expert profiles")
class ExpertStatusView(ItemStatusView):
    kind = ItemKind.EXPERT
