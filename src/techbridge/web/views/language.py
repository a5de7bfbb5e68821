"""The language switcher shown on every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from techbridge.web.views.accounts import _remember_language


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Show the same page in another language and remember the choice in a cookie.

    Django's ``set_language`` resolves the page's address in the language of the cookie,
    so it cannot translate ``/en/…`` once the cookie says ``ru``; here the address is
    resolved in its own language first.
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return redirect(next_url)
    page_language = translation.get_language_from_path(next_url) or language
    with translation.override(page_language):
        target = translate_url(next_url, language)
    return _remember_language(redirect(target), language)
