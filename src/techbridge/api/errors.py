"""How the API answers errors: every refusal is a 4xx with a JSON body in the request's
language, never a server error.

Services raise Django's ``ValidationError`` (incomplete submission, impossible transition,
model validation) and ``PermissionDenied``; DRF knows the second, this handler teaches it
the first, and Django's refusal of an oversized body.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from techbridge.api.parsers import RequestTooLarge


def validation_error_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django validation error as DRF's ``{field: [messages]}``, with the errors that
    belong to no field under ``non_field_errors``."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): list(
                messages
            )
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}


def api_exception_handler(exception: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exception, DjangoValidationError):
        exception = exceptions.ValidationError(validation_error_detail(exception))
    elif isinstance(exception, RequestDataTooBig):
        # Raised by Django when DRF reads the body; as a security exception it would become
        # an HTML page.
        exception = RequestTooLarge()
    return exception_handler(exception, context)
