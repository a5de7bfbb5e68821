"""Structured evidence: taxonomy fields, TRL, cooperation forms and regions.

Used only when both items carry the field; an item without structured data is neither
helped nor hurt (its structured term in the fused score is zero). Each signal is on a
0–1 scale; the structured score is their mean over the signals both items have.

* fields: taxonomy codes as dotted paths; two codes score the share of the deeper one's
  path they have in common ("materials.metals.copper" vs "materials.metals" → 2/3),
  the best pair counting;
* TRL: 1 − |difference| / 8 (levels 1–9);
* cooperation forms: 1 when they share a form, else 0;
* regions: 1 when they share a region, else 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from techbridge.core.matching.items import MatchItem

TRL_SPAN = 8.0  # levels run from 1 to 9


@dataclass(frozen=True)
class StructuredEvidence:
    """What two items have in common in their structured fields."""

    score: float | None  # None when the two items share no kind of structured data
    field_pairs: tuple[tuple[str, str, float], ...] = ()  # (query code, item code, overlap)
    trl_compatibility: float | None = None
    shared_cooperation_forms: tuple[str, ...] = ()
    shared_regions: tuple[str, ...] = ()


def field_overlap(first: str, second: str) -> float:
    """Share of the longer dotted path that both codes have in common (0–1)."""
    first_parts = first.split(".")
    second_parts = second.split(".")
    common = 0
    for first_part, second_part in zip(first_parts, second_parts, strict=False):
        if first_part != second_part:
            break
        common += 1
    return common / max(len(first_parts), len(second_parts))


def structured_evidence(query: MatchItem, item: MatchItem) -> StructuredEvidence:
    """Compare the structured fields of two items."""
    signals: list[float] = []
    field_pairs: list[tuple[str, str, float]] = []
    if query.fields and item.fields:
        overlaps = [
            (query_code, item_code, field_overlap(query_code, item_code))
            for query_code in query.fields
            for item_code in item.fields
        ]
        field_pairs = sorted((pair for pair in overlaps if pair[2] > 0), key=lambda pair: -pair[2])
        signals.append(max(pair[2] for pair in overlaps))
    trl: float | None = None
    if query.trl is not None and item.trl is not None:
        trl = max(0.0, 1.0 - abs(query.trl - item.trl) / TRL_SPAN)
        signals.append(trl)
    forms: tuple[str, ...] = ()
    if query.cooperation_forms and item.cooperation_forms:
        forms = tuple(sorted(query.cooperation_forms & item.cooperation_forms))
        signals.append(1.0 if forms else 0.0)
    regions: tuple[str, ...] = ()
    if query.regions and item.regions:
        regions = tuple(sorted(query.regions & item.regions))
        signals.append(1.0 if regions else 0.0)
    score = sum(signals) / len(signals) if signals else None
    return StructuredEvidence(score, tuple(field_pairs), trl, forms, regions)
