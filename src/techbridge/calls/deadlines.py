"""Deadlines written in a reader's own time zone (e-mails and services have no request,
so the zone comes from the user's profile)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.utils import formats, timezone


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """The named time zone, or UTC when the name is unknown."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def time_in_zone(moment: datetime, zone_name: str) -> str:
    """A moment written in a time zone, with the zone's name, in the active language:
    ``18 March 2027, 23:59 (Europe/Moscow)``."""
    zone = zone_or_utc(zone_name)
    local = timezone.localtime(moment, zone)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone.key})"
