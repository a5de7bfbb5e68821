"""Signed, expiring tokens for e-mail confirmation links (no table needed)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

CONFIRMATION_SALT = "techbridge.accounts.email-confirmation"


def make_confirmation_token(*, user_id: int, email: str) -> str:
    return signing.dumps({"user": user_id, "email": email}, salt=CONFIRMATION_SALT, compress=True)


def read_confirmation_token(token: str) -> tuple[int, str] | None:
    """The (user id, e-mail) a valid, unexpired token was made for; None otherwise."""
    try:
        payload = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=settings.SIGN_UP_CONFIRMATION_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or "user" not in payload or "email" not in payload:
        return None
    return int(payload["user"]), str(payload["email"])
