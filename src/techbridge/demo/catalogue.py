"""Demo catalogue: offers, needs and expert profiles written by the team in three
languages (``data/catalogue/``), published as if organisers had checked them.

Idempotent like the rest of the demo: items are found by their English or source-language
title and left untouched when they exist. Embeddings are computed right away, so that
recommendations work in the demo without waiting for a background worker.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.models import (
    CatalogueItem,
    ExpertProfile,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.rules import ROLE_FOR_KIND
from techbridge.catalogue.search import index_items
from techbridge.matchmaking.adapter import encoder, match_items
from techbridge.matchmaking.services import compute_embedding, mark_pending

DATA_DIR = Path(__file__).resolve().parent / "data" / "catalogue"
# Contact persons of the demo organisations (invented names).
RUSSIAN_NAMES = [
    "Ирина Викторовна Белова",
    "Дмитрий Сергеевич Орлов",
    "Наталья Андреевна Волкова",
    "Сергей Николаевич Карпов",
    "Елена Петровна Фролова",
    "Андрей Игоревич Соколов",
    "Ольга Михайловна Лебедева",
    "Павел Александрович Гусев",
]
CHINESE_NAMES = ["张伟", "刘洋", "赵敏", "孙涛", "周静", "吴磊", "郑芳", "黄志明"]


def _read(name: str) -> list[dict[str, Any]]:
    path = DATA_DIR / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _organisations(known: dict[str, Organisation]) -> dict[str, Organisation]:
    organisations = dict(known)
    now = timezone.now()
    for row in _read("organisations.json"):
        organisation = Organisation.objects.filter(names__en=row["names"]["en"]).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                names=row["names"],
                short_names=row.get("short_names", {}),
                descriptions=row.get("descriptions", {}),
                organisation_type=row["type"],
                country=row["country"],
                regions=row.get("regions", {}),
                website=row.get("website", ""),
                is_verified=True,
                verified_at=now,
            )
        organisations[row["key"]] = organisation
    return organisations


def _contact(organisation: Organisation, key: str, kind: ItemKind) -> User:
    """The organisation's demo member in the role the kind needs, else a contact person
    created for it."""
    member = (
        Membership.objects.filter(
            organisation=organisation, role=ROLE_FOR_KIND[kind], status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .first()
    )
    if member is not None:
        return member.user
    email = f"contact.{key}@techbridge.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        russian = organisation.country == "RU"
        names = RUSSIAN_NAMES if russian else CHINESE_NAMES
        user = User.objects.create_user(
            email=email,
            password=None,
            full_name=names[sum(map(ord, key)) % len(names)],
            preferred_language="ru" if russian else "zh-hans",
            time_zone="Europe/Moscow" if russian else "Asia/Shanghai",
            email_confirmed_at=timezone.now(),
        )
    Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=ROLE_FOR_KIND[kind],
        defaults={"status": MembershipStatus.ACTIVE, "is_manager": True},
    )
    return user


def _common(
    row: dict[str, Any], kind: ItemKind, organisations: dict[str, Organisation], age_days: int
) -> dict[str, Any]:
    organisation = organisations[row["organisation"]]
    published = timezone.now() - timedelta(days=age_days)
    return {
        "owner": _contact(organisation, row["organisation"], kind),
        "organisation": organisation,
        "source_language": row["source_language"],
        "titles": row["titles"],
        "summaries": row.get("summaries", {}),
        "descriptions": row.get("descriptions", {}),
        "cooperation_forms": row.get("cooperation_forms", []),
        "keywords": row.get("keywords", {}),
        "target_industries": row.get("target_industries", {}),
        "target_regions": row.get("target_regions", {}),
        "status": ItemStatus.PUBLISHED,
        "status_changed_at": published,
        "submitted_at": published - timedelta(days=2),
        "published_at": published,
        "expires_at": published + timedelta(days=settings.CATALOGUE_PUBLICATION_DAYS),
    }


def _affiliations(
    row: dict[str, Any], organisations: dict[str, Organisation]
) -> list[dict[str, Any]]:
    """Affiliations name their organisation in every language (conflict-of-interest checks
    compare names); the demo data refers to demo organisations by key."""
    affiliations = []
    for entry in row.get("affiliations", []):
        organisation = entry.get("organisation")
        if isinstance(organisation, str) and organisation in organisations:
            entry = {**entry, "organisation": organisations[organisation].names}
        affiliations.append(entry)
    return affiliations


def _specific(
    row: dict[str, Any], kind: ItemKind, organisations: dict[str, Organisation]
) -> dict[str, Any]:
    if kind == ItemKind.OFFER:
        return {
            "readiness_level": row["trl"],
            "ip_status": row.get("ip_status", "none"),
            "patents": row.get("patents", []),
            "advantages": row.get("advantages", {}),
        }
    if kind == ItemKind.NEED:
        return {
            "target_parameters": row.get("target_parameters", {}),
            "budget_minimum": row.get("budget_min"),
            "budget_maximum": row.get("budget_max"),
            "currency": row.get("currency", "CNY"),
            "deadline": date.fromisoformat(row["deadline"]) if row.get("deadline") else None,
            "minimum_readiness_level": row.get("trl_min"),
        }
    return {
        "display_names": row["display_names"],
        "academic_titles": row.get("academic_title", {}),
        "spoken_languages": row.get("languages", []),
        "affiliations": _affiliations(row, organisations),
        "publications": row.get("publications", {}),
        "availability": row.get("availability", {}),
        "open_to_visits": row.get("open_to_visits", False),
        "open_to_joint_labs": row.get("open_to_joint_labs", False),
        "open_to_relocation": row.get("open_to_relocation", False),
    }


MODELS = {
    ItemKind.OFFER: TechnologyOffer,
    ItemKind.NEED: TechnologyNeed,
    ItemKind.EXPERT: ExpertProfile,
}
FILES = {
    ItemKind.OFFER: "offers.json",
    ItemKind.NEED: "needs.json",
    ItemKind.EXPERT: "experts.json",
}


def load_catalogue(
    known_organisations: dict[str, Organisation], *, embeddings: bool = True
) -> dict[str, int]:
    """Create the demo items that do not exist yet; returns counts created per kind."""
    organisations = _organisations(known_organisations)
    fields = {field.code: field for field in TechnologyField.objects.all()}
    created: dict[str, int] = {}
    new_items: list[CatalogueItem] = []
    for kind in ItemKind:
        count = 0
        for position, row in enumerate(_read(FILES[kind])):
            title = row["titles"].get("en") or row["titles"][row["source_language"]]
            language = "en" if "en" in row["titles"] else row["source_language"]
            if CatalogueItem.objects.filter(kind=kind, **{f"titles__{language}": title}).exists():
                continue
            item = MODELS[kind].objects.create(
                **_common(row, kind, organisations, age_days=3 + position * 2),
                **_specific(row, kind, organisations),
            )
            item.fields.set([fields[code] for code in row.get("fields", []) if code in fields])
            new_items.append(item)
            count += 1
        created[f"catalogue {kind.value}s"] = count
    index_items(new_items)
    if not embeddings:
        for item in new_items:
            mark_pending(item_id=item.pk)
        return created
    if new_items:
        # One batch through the encoder fills the cache; the per-item jobs then only
        # record their state.
        encoder().encode(
            [version.full_text for item in new_items for version in match_items(item)], "query"
        )
    for item in new_items:
        compute_embedding(item_id=item.pk)
    return created
