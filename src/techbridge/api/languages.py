"""Which interface language an API request is answered in.

``LocaleMiddleware`` picks a language for every request (URL prefix, then the language
cookie, then ``Accept-Language``). API URLs carry no prefix, and an API client states its
language with ``Accept-Language``; a browser session's cookie must not override it. So the
API reads the header itself first and keeps the middleware's choice only when the header
names no language the platform speaks.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation

# Longer headers are not worth parsing (Django's own parser stops at 500 characters too).
MAX_HEADER_LENGTH = 500


def _ranges_by_preference(header: str) -> list[str]:
    """Language ranges of an Accept-Language header, most preferred first; ``*`` and
    ranges with quality 0 or an unreadable quality are dropped."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        code, _separator, parameters = part.strip().partition(";")
        code = code.strip().lower()
        if not code or code == "*":
            continue
        quality = 1.0
        parameters = parameters.strip()
        if parameters:
            name, _equals, value = parameters.partition("=")
            if name.strip() != "q":
                continue
            try:
                quality = float(value)
            except ValueError:
                continue
            if not 0 < quality <= 1:
                continue
        weighted.append((-quality, position, code))
    return [code for _quality, _position, code in sorted(weighted)]


def language_from_accept_header(header: str) -> str | None:
    """The first supported interface language (``zh-hans``, ``ru``, ``en``) named by an
    Accept-Language header, or None. ``zh``, ``zh-CN`` and ``zh-Hans-CN`` give ``zh-hans``."""
    if not header or len(header) > MAX_HEADER_LENGTH:
        return None
    for code in _ranges_by_preference(header):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def activate_request_language(request: HttpRequest) -> str:
    """Activate the request's language for the rest of the request and return it."""
    language = language_from_accept_header(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    if language is None:
        language = translation.get_language() or translation.get_supported_language_variant("en")
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language
