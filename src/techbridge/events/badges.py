"""Badge codes: a short signed code per registration, printed on the badge and carried
by its QR code, that staff scan or type at check-in.

The code is ``<registration number>-<8 signature characters>``: short enough to type on
a phone, and not guessable from the number alone (40 bits of HMAC with the site's
secret key), so a badge cannot be forged by counting.
"""

from __future__ import annotations

import base64
import re

import qrcode
import qrcode.image.svg
from django.utils.crypto import constant_time_compare, salted_hmac

from techbridge.events.models import Registration

_SALT = "techbridge.events.badge"
_CODE = re.compile(r"(\d+)-([A-Z2-7]{8})")


def _signature(registration_pk: int, event_pk: int) -> str:
    digest = salted_hmac(_SALT, f"{event_pk}:{registration_pk}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:8]


def badge_code(registration: Registration) -> str:
    """The code printed on the registration's badge."""
    return f"{registration.pk}-{_signature(registration.pk, registration.event_id)}"


def find_code(text: str) -> str | None:
    """The badge code inside ``text``: typed alone, or inside the URL a QR code holds."""
    match = _CODE.search(text.strip().upper())
    return match.group(0) if match else None


def registration_pk_for_code(code: str, *, event_pk: int) -> int | None:
    """The registration a code belongs to, if its signature is valid for ``event_pk``."""
    match = _CODE.fullmatch(code.strip().upper())
    if match is None:
        return None
    registration_pk = int(match.group(1))
    if not constant_time_compare(match.group(2), _signature(registration_pk, event_pk)):
        return None
    return registration_pk


def qr_svg(text: str) -> str:
    """An SVG drawing of a QR code for ``text`` (no XML declaration, for inline use)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return image.to_string(encoding="unicode")
