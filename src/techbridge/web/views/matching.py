"""Matching in the pages: recommendations with reasons, and the organisers' view of the
matching jobs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from techbridge.catalogue import rules
from techbridge.catalogue.enums import CooperationForm, ItemKind
from techbridge.catalogue.models import CatalogueItem, TechnologyField
from techbridge.events import rules as event_rules
from techbridge.events.models import Event
from techbridge.events.selectors.participants import event_items, owners_of_items
from techbridge.i18n_text import content_language, pick_text
from techbridge.matchmaking import selectors as matching
from techbridge.matchmaking.services import items_needing_embeddings, mark_pending
from techbridge.matchmaking.tasks import embed_item


def _field_names() -> dict[str, str]:
    return {
        code: pick_text(names).text
        for code, names in TechnologyField.objects.values_list("code", "names")
    }


def recommendations_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Loaded by htmx after the item page: the best matches of the other kinds."""
    item = CatalogueItem.objects.filter(pk=pk).select_related("organisation").first()
    if item is None or not rules.can_view_item(request.user, item):
        raise Http404
    found = matching.recommendations(item.specific, limit=6)
    reader = content_language()
    field_names = _field_names()
    rows = []
    for recommendation in found:
        reasons = recommendation.reasons
        rows.append(
            {
                "item": recommendation.item,
                "score": recommendation.score,
                "concepts": [
                    concept.labels.get(reader) or next(iter(concept.labels.values()))
                    for concept in reasons.shared_concepts[:6]
                ],
                "fields": sorted(
                    {
                        field_names.get(code, code)
                        for _q, code, overlap in reasons.structured.field_pairs
                        if overlap >= 0.5
                    }
                ),
                "cooperation": [
                    str(CooperationForm(code).label)
                    for code in reasons.structured.shared_cooperation_forms
                    if code in CooperationForm.values
                ],
                "sentences": reasons.best_sentences,
            }
        )
    return render(request, "web/matching/_recommendations.html", {"rows": rows, "item": item})


@login_required
def status(request: HttpRequest) -> HttpResponse:
    """Organisers see whether every item's embedding is current, and the failures."""
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    return render(request, "web/matching/status.html", matching.embedding_overview())


@login_required
@require_POST
def retry(request: HttpRequest) -> HttpResponse:
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    waiting = items_needing_embeddings() + matching.failed_item_ids()
    for item_id in sorted(set(waiting)):
        mark_pending(item_id=item_id)
        embed_item.enqueue(item_id)
    messages.success(
        request,
        ngettext(
            "%(count)d item was queued for matching.",
            "%(count)d items were queued for matching.",
            len(set(waiting)),
        )
        % {"count": len(set(waiting))},
    )
    return redirect("matching:status")


@login_required
def event_matches(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisers: the best offers and experts for every need of an event's participants,
    to prepare the matchmaking."""
    event = get_object_or_404(Event, pk=pk)
    if not event_rules.can_manage_event(request.user, event):
        raise PermissionDenied
    needs = list(event_items(event, ItemKind.NEED).prefetch_related("fields"))
    owners = owners_of_items(event, needs)
    rows = [
        {
            "need": need,
            "seeker": owners.get(need.pk),
            "matches": matching.recommendations(
                need, kinds=[ItemKind.OFFER, ItemKind.EXPERT], limit=3, with_reasons=False
            ),
        }
        for need in needs
    ]
    return render(request, "web/matching/event_matches.html", {"event": event, "rows": rows})
