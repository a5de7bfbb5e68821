"""Security headers the framework does not set itself."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Sends ``CONTENT_SECURITY_POLICY`` on every response: our own origin only, no inline
    scripts. A view may widen ``frame-ancestors`` (embeddable widgets) by setting
    ``response.content_security_policy_overrides``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = _policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        overrides = getattr(response, "content_security_policy_overrides", None)
        header = (
            _policy_header({**settings.CONTENT_SECURITY_POLICY, **overrides})
            if overrides
            else self.header
        )
        response.headers.setdefault("Content-Security-Policy", header)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
