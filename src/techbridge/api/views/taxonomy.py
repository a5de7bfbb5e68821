"""The technology-field taxonomy, for filters and for the fields of an item."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from techbridge.api.schema import UNAUTHENTICATED
from techbridge.api.serializers.items import TechnologyFieldSerializer
from techbridge.api.views.base import ApiView
from techbridge.catalogue.selectors import technology_field_choices


class TechnologyFieldListView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The technology fields in use, each with its subfields",
        responses={200: TechnologyFieldSerializer(many=True), 401: UNAUTHENTICATED},
        tags=["taxonomy"],
    )
    def get(self, request: Request) -> Response:
        tree = [
            {"code": root.code, "names": root.names, "subfields": children}
            for root, children in technology_field_choices()
        ]
        return Response(TechnologyFieldSerializer(tree, many=True).data)
