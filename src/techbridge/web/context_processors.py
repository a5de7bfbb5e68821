"""Template context every page needs: languages for the switcher, the reader's roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from techbridge.accounts import rules
from techbridge.i18n_text import content_language


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
        "reader_content_language": content_language(),
        "is_organiser": rules.is_organiser(getattr(request, "user", None)),
    }
