"""Reads for exports: the same filters as the public catalogue, from a page's query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from techbridge.accounts.models import User
from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.models import CatalogueItem
from techbridge.catalogue.selectors import (
    MODELS,
    SORTS,
    CatalogueFilters,
    filter_items,
    published_items,
)


@dataclass(frozen=True)
class ExportEntry:
    """An item to export with the codes of its technology fields."""

    item: CatalogueItem
    field_codes: tuple[str, ...]


def _level(value: Any) -> int | None:
    try:
        level = int(str(value))
    except (TypeError, ValueError):
        return None
    return level if 1 <= level <= 9 else None


def filters_from_query(query: Mapping[str, Any]) -> CatalogueFilters:
    """The catalogue filters from a list page's query string (``q``, ``field``,
    ``trl_min``, ``trl_max``, ``country``, ``organisation_type``, ``cooperation_form``,
    ``language``, ``sort``), so that "export" downloads exactly the list on screen.
    Values that cannot be understood are left out rather than refused."""

    def text(name: str, limit: int = 200) -> str:
        return str(query.get(name) or "").strip()[:limit]

    sort = text("sort")
    return CatalogueFilters(
        query=text("q"),
        field=text("field", 80),
        readiness_minimum=_level(query.get("trl_min")),
        readiness_maximum=_level(query.get("trl_max")),
        country=text("country", 2),
        organisation_type=text("organisation_type", 20),
        cooperation_form=text("cooperation_form", 20),
        language=text("language", 2),
        sort=sort if sort in SORTS else "",
    )


def items_for_export(
    kind: ItemKind | str, filters: CatalogueFilters, *, owner: User | None = None
) -> QuerySet[CatalogueItem]:
    """Published items of the kind, or, for ``owner``, all of the owner's items of the
    kind in any status; filtered and sorted like the catalogue list."""
    if owner is None:
        items = published_items(kind)
    else:
        items = MODELS[kind].objects.filter(owner=owner).select_related("organisation")
    return filter_items(items, kind, filters)


def export_entries(items: QuerySet[CatalogueItem], chunk_size: int = 500) -> Iterator[ExportEntry]:
    """The items one by one, with their field codes, reading ``chunk_size`` items and their
    codes in two queries at a time: long lists stream in constant memory, and the codes
    cost one query per chunk rather than the per-item work of ``prefetch_related``."""
    through = CatalogueItem.fields.through
    rows = items.prefetch_related(None).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        codes: dict[int, list[str]] = defaultdict(list)
        pairs = through.objects.filter(catalogueitem_id__in=[item.pk for item in chunk])
        for item_id, code in pairs.values_list("catalogueitem_id", "technologyfield__code"):
            codes[item_id].append(code)
        for item in chunk:
            yield ExportEntry(item, tuple(sorted(codes[item.pk])))
