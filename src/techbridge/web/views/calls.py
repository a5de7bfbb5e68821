"""Calls for projects: the public list and call pages, and what the calls pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from techbridge.accounts.enums import Country
from techbridge.calls import rules, selectors
from techbridge.calls.models import Call


def call_or_404(pk: int) -> Call:
    try:
        return selectors.call_for_page(pk)
    except Call.DoesNotExist:
        raise Http404 from None


def organiser_call(request: HttpRequest, pk: int) -> Call:
    """The call, for an organiser only (others are refused)."""
    call = call_or_404(pk)
    if not rules.is_call_organiser(request.user, call):
        raise PermissionDenied
    return call


def country_label(code: str) -> str:
    try:
        return str(Country(code).label)
    except ValueError:
        return code


def call_list(request: HttpRequest) -> HttpResponse:
    """Published calls (organisers also see drafts), open ones first."""
    is_organiser = rules.is_call_organiser(request.user)
    calls = list(selectors.all_calls() if is_organiser else selectors.published_calls())
    now = timezone.now()
    calls.sort(key=lambda call: (not call.is_open(now), -call.closes_at.timestamp()))
    return render(
        request,
        "web/calls/list.html",
        {"calls": calls, "now": now, "is_call_organiser": is_organiser},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_or_404(pk)
    if not rules.can_view_call(request.user, call):
        raise Http404
    user = request.user
    own = list(selectors.applications_of(user).filter(call=call)) if user.is_authenticated else []
    context = {
        "call": call,
        "phase": rules.current_phase(call),
        "is_open": call.is_open(),
        "can_apply": rules.can_apply(user, call),
        "own_applications": own,
        "is_pool_expert": rules.is_pool_expert(user, call),
        "is_call_organiser": rules.is_call_organiser(user, call),
        "country_labels": [country_label(code) for code in call.eligible_countries],
        "current_tab": "overview",
    }
    return render(request, "web/calls/detail.html", context)
