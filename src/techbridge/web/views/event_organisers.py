"""Organisers' pages of an event: registrations to approve, the meeting day (slots and
places), the scheduler with its progress, and the meeting schedule with moves by hand."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from techbridge.events import rules
from techbridge.events.enums import (
    MeetingStatus,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from techbridge.events.explanations import conflict_message, unscheduled_reason
from techbridge.events.forms import MeetingDayForm, MoveMeetingForm, SchedulingForm
from techbridge.events.models import Event, Meeting, MeetingRequest, Registration, SchedulingRun
from techbridge.events.selectors.participants import registrations_for_organisers
from techbridge.events.services import meetings as meeting_services
from techbridge.events.services.program import create_meeting_places, create_meeting_slots
from techbridge.events.services.registration import change_registration_status
from techbridge.events.services.scheduling import start_scheduling
from techbridge.web.views.events import event_context, event_for


def _managed_event(request: HttpRequest, pk: int) -> Event:
    event = event_for(request, pk)
    if not rules.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = ""
    context = event_context(request, event) | {
        "registrations": registrations_for_organisers(event, status=status),
        "status": status,
        "statuses": RegistrationStatus.choices,
    }
    return render(request, "web/events/manage_registrations.html", context)


@login_required
@require_POST
def registration_status(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("user", "organisation", "event"),
        pk=registration_pk,
        event_id=pk,
    )
    error = ""
    try:
        registration = change_registration_status(
            registration=registration,
            to_status=request.POST.get("status", ""),
            actor=request.user,
            request=request,
        )
    except ValueError:
        raise Http404 from None
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if request.htmx:
        return render(
            request,
            "web/events/_registration_row.html",
            {"item": registration, "event": registration.event, "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect("events:manage_registrations", pk=pk)


@login_required
def meeting_day(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    zone = ZoneInfo(event.time_zone)
    local_start = event.starts_at.astimezone(zone)
    form = MeetingDayForm(
        request.POST or None,
        initial={"day": local_start.date(), "starts": "14:00", "ends": "17:00"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def at(time_of_day):
            return datetime.combine(data["day"], time_of_day, tzinfo=zone)

        breaks = []
        if data["break_starts"] and data["break_ends"]:
            breaks.append((at(data["break_starts"]), at(data["break_ends"])))
        try:
            slots = create_meeting_slots(
                event=event,
                starts_at=at(data["starts"]),
                ends_at=at(data["ends"]),
                minutes=data["minutes"],
                breaks=breaks,
                actor=request.user,
            )
            create_meeting_places(
                event=event,
                tables=data["tables"],
                video_rooms=data["video_rooms"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The meeting day has %(count)d slot.",
                    "The meeting day has %(count)d slots.",
                    len(slots),
                )
                % {"count": len(slots)},
            )
            return redirect("events:meetings", pk=event.pk)
    context = event_context(request, event) | {
        "form": form,
        "slots": event.meeting_slots.order_by("starts_at"),
        "places": event.meeting_places.order_by("kind", "position"),
        "venue_zone": event.time_zone,
    }
    return render(request, "web/events/meeting_day.html", context)


@login_required
def scheduling(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = SchedulingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            start_scheduling(
                event=event,
                actor=request.user,
                time_limit=form.cleaned_data["time_limit"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("events:scheduling", pk=event.pk)
    context = event_context(request, event) | {
        "form": form,
        "run": SchedulingRun.objects.filter(event=event).first(),
        "accepted_requests": MeetingRequest.objects.filter(
            event=event, status=RequestStatus.ACCEPTED
        ).count(),
    }
    return render(request, "web/events/scheduling.html", context)


@login_required
def scheduling_progress(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    """The progress of a run, polled by htmx while the run is active."""
    event = _managed_event(request, pk)
    run = get_object_or_404(SchedulingRun, pk=run_pk, event=event)
    return render(request, "web/events/_scheduling_progress.html", {"run": run, "event": event})


def _problem_messages(run: SchedulingRun | None) -> list[str]:
    if run is None:
        return []
    people = Registration.objects.select_related("user").in_bulk(
        [pk for problem in run.problems for pk in problem.get("registrations", [])]
    )
    return [
        conflict_message(
            problem["code"],
            [people[pk] for pk in problem.get("registrations", []) if pk in people],
        )
        for problem in run.problems
    ]


@login_required
def meetings(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    schedule = list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "place",
            "interpreter__user",
            "request__requester__user",
            "request__requester__organisation",
            "request__recipient__user",
            "request__recipient__organisation",
        )
        .order_by("slot__starts_at", "place__kind", "place__position")
    )
    left_out = list(
        MeetingRequest.objects.filter(event=event)
        .exclude(unscheduled_code="")
        .filter(status=RequestStatus.ACCEPTED)
        .select_related("requester__user", "recipient__user")
    )
    for meeting_request in left_out:
        meeting_request.reason = unscheduled_reason(meeting_request)
    run = SchedulingRun.objects.filter(event=event).first()
    context = event_context(request, event) | {
        "schedule": schedule,
        "left_out": left_out,
        "run": run,
        "run_problems": _problem_messages(run),
        "proposed_count": sum(meeting.status == MeetingStatus.PROPOSED for meeting in schedule),
        "slot_count": event.meeting_slots.filter(is_break=False).count(),
        "place_count": event.meeting_places.count(),
    }
    return render(request, "web/events/meetings.html", context)


@login_required
@require_POST
def confirm_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    count = meeting_services.confirm_proposed_meetings(
        event=event, actor=request.user, request=request
    )
    messages.success(
        request,
        ngettext(
            "%(count)d meeting confirmed; everyone concerned has been told.",
            "%(count)d meetings confirmed; everyone concerned has been told.",
            count,
        )
        % {"count": count},
    )
    return redirect("events:meetings", pk=pk)


@login_required
def move_meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "slot", "place", "interpreter", "request__requester__user", "request__recipient__user"
        ),
        pk=meeting_pk,
        event=event,
    )
    interpreters = list(
        Registration.objects.filter(
            event=event, role=RegistrationRole.INTERPRETER, status=RegistrationStatus.APPROVED
        ).select_related("user")
    )
    form = MoveMeetingForm(
        request.POST or None,
        event=event,
        interpreters=interpreters,
        initial={"slot": meeting.slot, "place": meeting.place, "interpreter": meeting.interpreter},
    )
    conflicts: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_services.move_meeting(
                meeting=meeting,
                slot=data["slot"],
                place=data["place"],
                interpreter=data["interpreter"],
                actor=request.user,
                accept_conflicts=data["accept_conflicts"],
                request=request,
            )
        except meeting_services.MeetingMoveRefused as refused:
            people = Registration.objects.select_related("user").in_bulk(
                [pk for finding in refused.findings for pk in finding.registrations]
            )
            conflicts = [
                conflict_message(
                    finding.code,
                    [people[pk] for pk in finding.registrations if pk in people],
                )
                for finding in refused.findings
            ]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting has been moved."))
            return redirect("events:meetings", pk=pk)
    context = event_context(request, event) | {
        "meeting": meeting,
        "form": form,
        "conflicts": conflicts,
    }
    return render(request, "web/events/move_meeting.html", context)


@login_required
@require_POST
def meeting_status(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=meeting_pk, event_id=pk)
    try:
        meeting_services.change_meeting_status(
            meeting=meeting,
            to_status=request.POST.get("status", ""),
            actor=request.user,
            request=request,
        )
    except ValueError:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    next_page = request.POST.get("next", "")
    if next_page == "agenda":
        return redirect("events:agenda", pk=pk)
    return redirect("events:meetings", pk=pk)
