"""The API reads JSON bodies only, and no body can make it fail."""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext, gettext_lazy
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class RequestTooLarge(APIException):
    """A body above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django refuses to read it)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "too_large"


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, also refusing with 400 (instead of a server error) an unknown
    character set and nesting deeper than Python's recursion limit."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ParseError(
                gettext("Unknown character set “%(charset)s”.") % {"charset": encoding}
            ) from None
        try:
            text = stream.read().decode(encoding)
            return json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(gettext("The JSON document is nested too deeply.")) from None
        except ValueError as error:
            raise ParseError(
                gettext("The body is not valid JSON: %(error)s") % {"error": error}
            ) from None


def _refuse_constant(name: str) -> None:
    """NaN and Infinity are not JSON."""
    raise ValueError(f"{name} is not allowed")
