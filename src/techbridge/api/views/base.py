"""What every API view shares: JSON in and out, the request's language, errors as 4xx."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from techbridge.api.errors import api_exception_handler
from techbridge.api.languages import activate_request_language
from techbridge.api.parsers import StrictJSONParser
from techbridge.api.schema import MAX_ITEM_ID


class ApiView(APIView):
    renderer_classes = [JSONRenderer]
    parser_classes = [StrictJSONParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The language first, so that even authentication errors are translated; an
        # unsupported method is refused before authentication, so that it answers 405
        # (with Allow) whoever asks.
        activate_request_language(request)
        method = (request.method or "").lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self) -> Any:
        return api_exception_handler


def parse_item_id(raw: str) -> int | None:
    """The id in a URL as a number, or None when it cannot be the id of any item."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_ITEM_ID)):
        return None
    number = int(raw)
    return number if 0 < number <= MAX_ITEM_ID else None
