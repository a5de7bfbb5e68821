"""Registering for an event, one's registration and badge, and check-in at the door."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.rules import acting_memberships
from techbridge.events import rules
from techbridge.events.badges import badge_code, find_code, qr_svg
from techbridge.events.enums import RegistrationStatus
from techbridge.events.forms import CheckInForm, ParticipationForm, RegistrationForm
from techbridge.events.models import Registration
from techbridge.events.services import registration as services
from techbridge.mail import absolute_url
from techbridge.web.views.events import event_context, event_for


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors beside the fields they name (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    if rules.registration_of(request.user, event) is not None:
        return redirect("events:registration", pk=event.pk)
    if not rules.can_register(request.user, event):
        raise PermissionDenied
    organisations = [
        membership.organisation
        for membership in acting_memberships(request.user).select_related("organisation")
    ]
    organisations = list({organisation.pk: organisation for organisation in organisations}.values())
    form = RegistrationForm(
        request.POST or None,
        event=event,
        organisations=organisations,
        may_interpret=rules.can_register_as_interpreter(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_for_event(
                event=event,
                user=request.user,
                role=data["role"],
                participant_type=data.get("participant_type") or "",
                organisation=data.get("organisation"),
                country=data.get("country") or "",
                attendance=data["attendance"],
                languages=data["languages"],
                available_slots=data.get("available_slots", []),
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("You are registered. The organisers will confirm your registration by e-mail."),
            )
            return redirect("events:detail", pk=event.pk)
    return render(
        request, "web/events/register.html", event_context(request, event) | {"form": form}
    )


@login_required
def my_registration(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    registration = rules.registration_of(request.user, event)
    if registration is None:
        return redirect("events:register", pk=event.pk)
    form = ParticipationForm(request.POST or None, registration=registration)
    editable = registration.status in (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.update_registration(
                registration=registration,
                actor=request.user,
                attendance=form.cleaned_data["attendance"],
                languages=form.cleaned_data["languages"],
                available_slots=form.cleaned_data.get("available_slots", []),
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your answers have been saved."))
            return redirect("events:registration", pk=event.pk)
    context = event_context(request, event) | {"form": form if editable else None}
    return render(request, "web/events/registration.html", context)


@login_required
@require_POST
def cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    registration = rules.registration_of(request.user, event)
    if registration is None:
        raise Http404
    try:
        services.change_registration_status(
            registration=registration,
            to_status=RegistrationStatus.CANCELLED,
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect("events:detail", pk=event.pk)


def check_in_url(registration: Registration) -> str:
    """The address a badge's QR code holds: staff's phones open it straight away."""
    path = reverse("events:check_in", kwargs={"pk": registration.event_id})
    return absolute_url(f"{path}?code={badge_code(registration)}")


def _badge(request: HttpRequest, registration: Registration) -> HttpResponse:
    if not rules.can_view_badge(request.user, registration):
        raise PermissionDenied
    context = event_context(request, registration.event) | {
        "badge_registration": registration,
        "code": badge_code(registration),
        # The QR drawing is made here from our own signed code: no user text in it.
        "qr": mark_safe(qr_svg(check_in_url(registration))),
    }
    return render(request, "web/events/badge.html", context)


@login_required
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request, pk)
    registration = rules.registration_of(request.user, event)
    if registration is None:
        raise Http404
    return _badge(request, registration)


@login_required
def badge_of(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("user", "organisation", "event"),
        pk=registration_pk,
        event_id=pk,
    )
    return _badge(request, registration)


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff scan a badge (camera, scanner) or type its code. A QR code opened by a
    phone's camera app lands here with the code filled in; checking in is a POST."""
    event = event_for(request, pk)
    if not rules.can_manage_event(request.user, event):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            code = find_code(form.cleaned_data["code"]) or form.cleaned_data["code"]
            try:
                registration, is_new = services.check_in(
                    event=event, code=code, actor=request.user, request=request
                )
            except ValidationError as error:
                result = {"error": " ".join(error.messages)}
            else:
                result = {"registration": registration, "is_new": is_new}
            form = CheckInForm()
    else:
        code = find_code(request.GET.get("code", ""))
        form = CheckInForm(initial={"code": code or ""})
    context = event_context(request, event) | {"form": form, "result": result}
    if request.htmx:
        return render(request, "web/events/_check_in_result.html", context)
    response = render(request, "web/events/check_in.html", context)
    # The page may use the camera to read QR codes (the site forbids it elsewhere).
    response["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    return response
