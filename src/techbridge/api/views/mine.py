"""The caller's own items, in every status."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.api.pagination import CataloguePagination
from techbridge.api.schema import BAD_REQUEST, NOT_FOUND, UNAUTHENTICATED
from techbridge.api.serializers.filters import MyItemFilterSerializer, query_parameters
from techbridge.api.serializers.items import MyItemSerializer
from techbridge.api.views.base import ApiView
from techbridge.catalogue.selectors import items_of_owner


class MyItemsView(ApiView):
    permission_classes = [IsAuthenticated]
    pagination_class = CataloguePagination

    @extend_schema(
        summary="Your own items, in any status, most recently changed first",
        parameters=[MyItemFilterSerializer],
        responses={
            200: MyItemSerializer(many=True),
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
        },
        tags=["my items"],
    )
    def get(self, request: Request) -> Response:
        filters = MyItemFilterSerializer(data=query_parameters(request))
        filters.is_valid(raise_exception=True)
        # The organisers' latest comment is shown with each item: one query for all.
        items = items_of_owner(request.user).prefetch_related("reviews")
        if "kind" in filters.validated_data:
            items = items.filter(kind=filters.validated_data["kind"])
        if "status" in filters.validated_data:
            items = items.filter(status=filters.validated_data["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items.order_by("-updated_at", "-pk"), request, view=self)
        serializer = MyItemSerializer(page, many=True, context={"request": request})
        return paginator.get_paginated_response(serializer.data)
