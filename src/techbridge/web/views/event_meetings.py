"""Participants' side of B2B meetings: whom to meet (the matching engine's suggestions
first), meeting requests, the personal agenda (page, PDF, iCal) and meeting outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from weasyprint import CSS, HTML

from techbridge.catalogue.enums import ItemKind
from techbridge.deals.services import record_outcome_and_follow_up
from techbridge.events import rules, suggestions
from techbridge.events.calendars import agenda_calendar, agenda_feed_token, is_agenda_feed_token
from techbridge.events.enums import MeetingStatus, RequestStatus
from techbridge.events.explanations import unscheduled_reason
from techbridge.events.forms import MeetingRequestForm, OutcomeForm
from techbridge.events.models import Meeting, MeetingRequest, Registration
from techbridge.events.selectors.agenda import personal_agenda
from techbridge.events.selectors.participants import (
    approved_participants,
    event_items,
    owners_of_items,
    requests_of,
)
from techbridge.events.services.requests import (
    change_request_status,
    request_meeting,
    sent_request_count,
)
from techbridge.mail import absolute_url
from techbridge.web.views.events import event_context, event_for

PAGE_SIZE = 40


def _participant_registration(request: HttpRequest, event) -> Registration | None:
    """The reader's approved participation, or ``None`` for organisers; refuses others."""
    registration = rules.registration_of(request.user, event)
    if rules.is_approved_participant(registration):
        return registration
    if rules.can_manage_event(request.user, event):
        return None
    raise PermissionDenied


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    viewer = _participant_registration(request, event)
    others = [
        registration
        for registration in approved_participants(event)
        if viewer is None or registration.pk != viewer.pk
    ]
    side = request.GET.get("side", "")
    if side:
        others = [registration for registration in others if registration.country == side]
    scores = suggestions.participant_scores(viewer, others) if viewer is not None else {}
    # Suggestions first (best score first), then everyone else in name order.
    others.sort(key=lambda registration: -scores.get(registration.pk, -1.0))
    page = Paginator(others, PAGE_SIZE).get_page(request.GET.get("page"))
    items = suggestions.items_of(list(page.object_list))
    requests_by_partner: dict[int, MeetingRequest] = {}
    if viewer is not None:
        for meeting_request in requests_of(viewer):
            partner = (
                meeting_request.recipient_id
                if meeting_request.requester_id == viewer.pk
                else meeting_request.requester_id
            )
            requests_by_partner.setdefault(partner, meeting_request)
    rows = [
        {
            "registration": registration,
            "score": scores.get(registration.pk),
            "is_suggested": scores.get(registration.pk, 0.0) >= suggestions.SUGGESTION_THRESHOLD,
            "items": items.get(registration.pk, []),
            "request": requests_by_partner.get(registration.pk),
        }
        for registration in page.object_list
    ]
    context = event_context(request, event) | {
        "viewer": viewer,
        "rows": rows,
        "page": page,
        "side": side,
        "requests_left": None
        if viewer is None
        else max(event.max_requests_per_participant - sent_request_count(viewer), 0),
    }
    return render(request, "web/events/participants.html", context)


@login_required
def items(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    viewer = _participant_registration(request, event)
    kind = ItemKind.NEED if request.GET.get("kind") == "needs" else ItemKind.OFFER
    found = list(event_items(event, kind)[:200])
    scores = suggestions.item_scores(viewer, found) if viewer is not None else {}
    found.sort(key=lambda item: -scores.get(item.pk, -1.0))
    owners = owners_of_items(event, found)
    rows = [
        {
            "item": item,
            "score": scores.get(item.pk),
            "is_suggested": scores.get(item.pk, 0.0) >= suggestions.SUGGESTION_THRESHOLD,
            "owner": owners.get(item.pk),
        }
        for item in found
    ]
    context = event_context(request, event) | {"viewer": viewer, "rows": rows, "kind": kind}
    return render(request, "web/events/items.html", context)


@login_required
def new_request(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = event_for(request, pk)
    requester = rules.registration_of(request.user, event)
    recipient = get_object_or_404(
        Registration.objects.select_related("user", "organisation"),
        pk=registration_pk,
        event=event,
    )
    if not rules.can_request_meeting(requester, recipient):
        raise PermissionDenied
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_request = request_meeting(
                requester=requester,
                recipient=recipient,
                message=form.cleaned_data["message"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error("message", error.error_dict.get("message"))
            else:
                form.add_error(None, error)
        else:
            if meeting_request.is_mutual:
                messages.success(request, _("You both asked for this meeting: it is accepted."))
            elif meeting_request.status == RequestStatus.ACCEPTED:
                messages.success(request, _("Your request is sent and accepted."))
            else:
                messages.success(request, _("Your request is sent."))
            return redirect("events:requests", pk=event.pk)
    context = event_context(request, event) | {"form": form, "recipient": recipient}
    return render(request, "web/events/request.html", context)


@login_required
def requests(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    registration = rules.registration_of(request.user, event)
    if not rules.is_approved_participant(registration):
        raise PermissionDenied
    all_requests = list(requests_of(registration))
    for meeting_request in all_requests:
        meeting_request.reason = unscheduled_reason(meeting_request)
    context = event_context(request, event) | {
        "received": [item for item in all_requests if item.recipient_id == registration.pk],
        "sent": [item for item in all_requests if item.requester_id == registration.pk],
        "requests_left": max(
            event.max_requests_per_participant - sent_request_count(registration), 0
        ),
    }
    return render(request, "web/events/requests.html", context)


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("requester", "recipient", "event"),
        pk=request_pk,
        event_id=pk,
    )
    target = request.POST.get("status", "")
    if target not in (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN):
        raise Http404
    try:
        change_request_status(
            meeting_request=meeting_request, to_status=target, actor=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The request is now “%(status)s”.") % {"status": RequestStatus(target).label}
        )
    return redirect("events:requests", pk=pk)


def _agenda_context(request: HttpRequest, event, registration: Registration) -> dict:
    rows = []
    for entry in personal_agenda(event, registration):
        meeting = entry.meeting
        rows.append(
            {
                "entry": entry,
                "can_record_outcome": meeting is not None
                and not entry.is_interpreting
                and rules.can_record_outcome(request.user, meeting)
                and not any(
                    outcome.registration_id == registration.pk for outcome in meeting.outcomes.all()
                ),
                "can_cancel": meeting is not None
                and not entry.is_interpreting
                and meeting.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
            }
        )
    return event_context(request, event) | {
        "agenda_registration": registration,
        "rows": rows,
        "feed_url": absolute_url(
            reverse(
                "events:agenda_calendar",
                kwargs={
                    "pk": event.pk,
                    "registration_pk": registration.pk,
                    "token": agenda_feed_token(registration),
                },
            )
        ),
    }


def _own_approved_registration(request: HttpRequest, event) -> Registration:
    registration = rules.registration_of(request.user, event)
    if registration is None or not registration.is_approved:
        raise PermissionDenied
    return registration


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    registration = _own_approved_registration(request, event)
    return render(
        request, "web/events/my_agenda.html", _agenda_context(request, event, registration)
    )


@login_required
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The personal agenda as a printable PDF (WeasyPrint), Chinese set in Noto Sans CJK."""
    event = event_for(request, pk)
    registration = _own_approved_registration(request, event)
    html = render_to_string(
        "web/events/agenda_pdf.html", _agenda_context(request, event, registration), request
    )
    # The stylesheet is read from disk: WeasyPrint must not fetch anything over HTTP.
    stylesheet = CSS(filename=finders.find("web/css/agenda-print.css"))
    document = HTML(string=html).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{event.pk}.pdf"'
    return response


def agenda_calendar_feed(
    request: HttpRequest, pk: int, registration_pk: int, token: str
) -> HttpResponse:
    """A person's agenda as iCal, at a secret address calendar programs subscribe to."""
    if not is_agenda_feed_token(registration_pk, token):
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_pk, event_id=pk
    )
    content = agenda_calendar(
        registration,
        language=get_language(),
        url=absolute_url(reverse("events:public_agenda", kwargs={"pk": pk})),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{pk}.ics"'
    return response


@login_required
def outcome(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "event", "slot", "place", "request__requester__user", "request__recipient__user"
        ),
        pk=meeting_pk,
        event_id=pk,
    )
    if not rules.can_record_outcome(request.user, meeting):
        raise PermissionDenied
    already = meeting.outcomes.filter(registration__user=request.user).first()
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and already is None and form.is_valid():
        try:
            _outcome, deal = record_outcome_and_follow_up(
                meeting=meeting,
                actor=request.user,
                interest=form.cleaned_data["interest"],
                next_step=form.cleaned_data["next_step"],
                next_step_due=form.cleaned_data["next_step_due"],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. The organisers will follow up the next step with both of you.")
                if deal
                else _("Thank you for telling us how the meeting went."),
            )
            return redirect("events:agenda", pk=pk)
    registration = rules.registration_of(request.user, meeting.event)
    context = event_context(request, meeting.event) | {
        "meeting": meeting,
        "form": form,
        "already": already,
        "partner": meeting.request.recipient
        if meeting.request.requester_id == registration.pk
        else meeting.request.requester,
    }
    return render(request, "web/events/outcome.html", context)
