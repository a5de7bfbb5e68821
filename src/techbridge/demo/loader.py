"""Demo data modelled on the China–Russia engineering forum of domain.md.

Loading is idempotent: an object that already exists (found by its natural key: e-mail,
English name or title) is left untouched, so running it twice changes nothing.
"""

from __future__ import annotations

import json
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.demo.calls import load_calls
from techbridge.demo.catalogue import load_catalogue
from techbridge.demo.events import load_events_programme
from techbridge.events.models import Event, OrganisingUnit

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "TechBridge-demo-2026"
# Left unverified so that the organisers' verification queue has something to show.
UNVERIFIED_KEYS = {"tech-media"}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)


def _read(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _organisations(report: LoadReport) -> dict[str, Organisation]:
    by_key: dict[str, Organisation] = {}
    now = timezone.now()
    for row in _read("organisations.json"):
        organisation = Organisation.objects.filter(names__en=row["names"]["en"]).first()
        created = organisation is None
        if organisation is None:
            verified = row["key"] not in UNVERIFIED_KEYS
            organisation = Organisation.objects.create(
                names=row["names"],
                short_names=row.get("short_names", {}),
                descriptions=row.get("descriptions", {}),
                organisation_type=row["type"],
                country=row["country"],
                regions=row.get("regions", {}),
                website=row.get("website", ""),
                is_verified=verified,
                verified_at=now if verified else None,
            )
        report.count("organisations", created)
        by_key[row["key"]] = organisation
    return by_key


def _users(report: LoadReport, organisations: dict[str, Organisation]) -> None:
    for row in _read("users.json"):
        user = User.objects.filter(email=row["email"]).first()
        created = user is None
        if user is None:
            user = User.objects.create_user(
                email=row["email"],
                password=DEMO_PASSWORD,
                full_name=row["full_name"],
                preferred_language=row["language"],
                time_zone=row["time_zone"],
                position=row.get("position", ""),
                email_confirmed_at=timezone.now(),
            )
        report.count("users", created)
        _membership, membership_created = Membership.objects.get_or_create(
            user=user,
            organisation=organisations[row["organisation"]],
            role=row["role"],
            defaults={"status": MembershipStatus.ACTIVE, "is_manager": row.get("manager", False)},
        )
        report.count("memberships", membership_created)
        report.accounts.append((row["role"], row["email"], DEMO_PASSWORD))


def _events(report: LoadReport, organisations: dict[str, Organisation]) -> None:
    for row in _read("events.json"):
        zone = zoneinfo.ZoneInfo(row["time_zone"])
        event = Event.objects.filter(titles__en=row["titles"]["en"]).first()
        created = event is None
        if event is None:
            event = Event.objects.create(
                titles=row["titles"],
                summaries=row.get("summaries", {}),
                kind=row["kind"],
                event_format=row["format"],
                cities=row.get("cities", {}),
                time_zone=row["time_zone"],
                starts_at=datetime.fromisoformat(row["starts"]).replace(tzinfo=zone),
                ends_at=datetime.fromisoformat(row["ends"]).replace(tzinfo=zone),
                is_published=True,
            )
        report.count("events", created)
        for position, (role, key) in enumerate(row["units"]):
            _unit, unit_created = OrganisingUnit.objects.get_or_create(
                event=event,
                organisation=organisations[key],
                role=role,
                defaults={"position": position},
            )
            report.count("organising units", unit_created)


@transaction.atomic
def load_demo(*, embeddings: bool = True) -> LoadReport:
    """Load what is missing. ``embeddings=False`` leaves the catalogue's embeddings to the
    background jobs (tests use it: encoding the whole demo catalogue takes a minute)."""
    report = LoadReport()
    organisations = _organisations(report)
    _users(report, organisations)
    _events(report, organisations)
    for kind, count in load_catalogue(organisations, embeddings=embeddings).items():
        report.created[kind] = count
    load_calls(report)
    load_events_programme(organisations, password=DEMO_PASSWORD, created=report.created)
    return report
