"""Deals for organisers: the follow-up of matches until cooperation lands."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.deals import rules, selectors
from techbridge.deals.forms import DealFilterForm, DealStageForm
from techbridge.deals.models import Deal
from techbridge.deals.services import change_deal_stage
from techbridge.events.models import Event

PAGE_SIZE = 50


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    if not rules.can_list_deals(request.user):
        raise PermissionDenied
    filters = DealFilterForm(request.GET or None)
    stage = filters.cleaned_data["stage"] if filters.is_valid() else ""
    event = None
    if request.GET.get("event", "").isdigit():
        event = Event.objects.filter(pk=int(request.GET["event"])).first()
    deals = selectors.deals_for_organisers(stage=stage, event=event)
    page = Paginator(deals, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(deal, DealStageForm(deal=deal, prefix=f"deal-{deal.pk}")) for deal in page]
    return render(
        request,
        "web/deals/list.html",
        {"filters": filters, "page": page, "rows": rows, "event": event},
    )


@login_required
@require_POST
def change_stage(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(Deal, pk=pk)
    if not rules.can_change_deal(request.user, deal):
        raise PermissionDenied
    form = DealStageForm(request.POST, deal=deal, prefix=f"deal-{deal.pk}")
    if form.is_valid():
        try:
            change_deal_stage(
                deal=deal,
                to_stage=form.cleaned_data["stage"],
                actor=request.user,
                value=form.cleaned_data["value"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The deal has moved on."))
    else:
        messages.error(request, _("Choose a stage the deal can move to."))
    return redirect("deals:list")
