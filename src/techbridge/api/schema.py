"""OpenAPI details drf-spectacular cannot infer: the shape of multilingual texts, the
item id parameter, and the error answers every operation may give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from techbridge.api.serializers.fields import keywords_schema, text_schema

# The largest id a 64-bit primary key can hold; larger ids are simply not found.
MAX_ITEM_ID = 2**63 - 1


class MultilingualTextFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "techbridge.api.serializers.fields.MultilingualTextField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return text_schema(self.target.max_length if direction == "request" else None)


class KeywordsFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "techbridge.api.serializers.fields.KeywordsField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return keywords_schema(with_limits=direction == "request")


ITEM_ID = OpenApiParameter(
    "item_id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ITEM_ID},
    OpenApiParameter.PATH,
    description="The item's id.",
)

_DETAIL = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})

BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "The request was refused as invalid: `{field: [messages]}` (nested for texts by "
        "language and for lists), `non_field_errors` for the request as a whole, or "
        "`detail` when the body is not JSON. Messages are in the language of "
        "`Accept-Language`."
    ),
)
UNAUTHENTICATED = OpenApiResponse(
    _DETAIL, description="No valid token: send `Authorization: Token <key>`."
)
FORBIDDEN = OpenApiResponse(
    _DETAIL, description="You may not do this with this item; nothing was changed."
)
NOT_FOUND = OpenApiResponse(_DETAIL, description="No such item visible to you, or no such page.")
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(_DETAIL, description="Send `application/json`.")
