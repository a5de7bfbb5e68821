"""The home page and the about page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from techbridge.accounts.selectors import verified_organisation_counts
from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.selectors import newest_published
from techbridge.events.selectors import organising_units_by_role, upcoming_events


def home(request: HttpRequest) -> HttpResponse:
    events = list(upcoming_events())
    by_country = verified_organisation_counts()
    context = {
        "events": [(event, organising_units_by_role(event)) for event in events],
        "organisation_counts": {
            "china": by_country.get("CN", 0),
            "russia": by_country.get("RU", 0),
            "total": sum(by_country.values()),
        },
        "newest_offers": newest_published(ItemKind.OFFER),
        "newest_needs": newest_published(ItemKind.NEED),
    }
    return render(request, "web/home.html", context)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the back office)."""
    return redirect(static("web/img/favicon.svg"), permanent=True)
