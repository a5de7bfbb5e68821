"""Public event pages: the list, an event's page (with statistics for organisers), the
agenda in three languages, its iCal export and the embeddable agenda widget."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt

from techbridge.deals.enums import DealStage
from techbridge.deals.selectors import deal_counts_by_stage
from techbridge.events import rules
from techbridge.events.calendars import calendar_file_name, event_calendar
from techbridge.events.enums import SessionKind
from techbridge.events.models import Event
from techbridge.events.selectors import organising_units_by_role, published_events
from techbridge.events.selectors.program import session_days, sessions_of
from techbridge.events.selectors.statistics import event_statistics
from techbridge.mail import absolute_url


def event_for(request: HttpRequest, pk: int) -> Event:
    """The event, if the reader may see it (published, or they organise it)."""
    event = get_object_or_404(
        Event.objects.prefetch_related("organising_units__organisation"), pk=pk
    )
    if not rules.can_view_event(request.user, event):
        raise PermissionDenied
    return event


def event_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    """What the event header and its tabs need on every event page."""
    registration = rules.registration_of(request.user, event)
    return {
        "event": event,
        "registration": registration,
        "is_participant": rules.is_approved_participant(registration),
        "can_manage": rules.can_manage_event(request.user, event),
    }


def event_list(request: HttpRequest) -> HttpResponse:
    events = list(published_events().prefetch_related("organising_units__organisation"))
    return render(
        request,
        "web/events/list.html",
        {"events": [(event, organising_units_by_role(event)) for event in events]},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    sessions = sessions_of(event)
    context = event_context(request, event)
    can_manage = context["can_manage"]
    statistics = event_statistics(event) if can_manage else None
    context |= {
        "units_by_role": organising_units_by_role(event),
        "sessions": sessions,
        "pitch_sessions": [session for session in sessions if session.kind == SessionKind.PITCHES],
        "can_register": context["registration"] is None and rules.can_register(request.user, event),
        "statistics": statistics,
        "chart_data": statistics.chart_data() if statistics else None,
        "deal_counts": [
            (DealStage(stage).label, count)
            for stage, count in deal_counts_by_stage(event=event).items()
        ]
        if can_manage
        else None,
    }
    return render(request, "web/events/detail.html", context)


def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    context = event_context(request, event) | {"days": session_days(sessions_of(event))}
    return render(request, "web/events/agenda.html", context)


def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    content = event_calendar(
        event,
        language=get_language(),
        url=absolute_url(reverse("events:public_agenda", kwargs={"pk": event.pk})),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_file_name(event)}"'
    return response


@xframe_options_exempt
def widget(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda without the site's header and footer, for other sites' iframes: the
    only response any origin may frame."""
    event = get_object_or_404(Event, pk=pk, is_published=True)
    # Readers of another site are anywhere: the venue's time zone is the one to show.
    with timezone.override(event.time_zone):
        response = render(
            request,
            "web/events/widget.html",
            {"event": event, "days": session_days(sessions_of(event))},
        )
    response.content_security_policy_overrides = {"frame-ancestors": ["*"]}
    return response
