"""Reads of the deals domain."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from techbridge.deals.models import Deal
from techbridge.events.models import Event


def deals_for_organisers(*, stage: str = "", event: Event | None = None) -> QuerySet[Deal]:
    """Every deal, most recently changed first, with what the list shows."""
    deals = Deal.objects.select_related(
        "first_user", "second_user", "first_organisation", "second_organisation", "event"
    )
    if stage:
        deals = deals.filter(stage=stage)
    if event is not None:
        deals = deals.filter(event=event)
    return deals.order_by("-updated_at", "-pk")


def deal_counts_by_stage(*, event: Event | None = None) -> dict[str, int]:
    deals = Deal.objects.all() if event is None else Deal.objects.filter(event=event)
    return dict(deals.values_list("stage").annotate(total=Count("pk")).order_by())
