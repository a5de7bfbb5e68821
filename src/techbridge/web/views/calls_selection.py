"""Organisers' pages of the selection: calibrated ranking, pending decisions applied in
bulk, the outbox of decision messages, the message templates, and the exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from techbridge.calls import rules, selectors
from techbridge.calls.enums import OutboxStatus
from techbridge.calls.exports.booklet import PDF_MEDIA_TYPE, booklet_pdf
from techbridge.calls.exports.review_sheet import XLSX_MEDIA_TYPE, review_sheet
from techbridge.calls.forms import DecisionForm, MessageTemplateForm, VersionForm
from techbridge.calls.models import MessageTemplate, OutboxMessage, Submission
from techbridge.calls.ranking import call_ranking
from techbridge.calls.services import decisions as decision_services
from techbridge.calls.services import outbox as outbox_services
from techbridge.web.views.calls import organiser_call


def _report(request: HttpRequest, error: ValidationError) -> None:
    for problem in error.messages:
        messages.error(request, problem)


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    result = call_ranking(call)
    rows = [
        (
            project,
            DecisionForm(
                initial={
                    "outcome": project.decision.outcome if project.decision else "",
                    "requests": project.decision.requests if project.decision else "",
                    "version": call.decision_version,
                },
                prefix=f"s{project.submission.pk}",
            ),
        )
        for project in result.projects
    ]
    return render(
        request,
        "web/calls/ranking.html",
        {
            "call": call,
            "ranking": result,
            "rows": rows,
            "pending": sum(1 for project in result.projects if project.decision),
            "version": call.decision_version,
            "current_tab": "ranking",
        },
    )


def _version(request: HttpRequest) -> int:
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    return form.cleaned_data["version"]


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    try:
        decision_services.propose_decisions(
            call=call, actor=request.user, expected_version=_version(request), request=request
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("The best projects under the quotas are proposed; check, then apply the decisions."),
        )
    return redirect("calls:ranking", pk=pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    submission = get_object_or_404(Submission, pk=submission_pk, call=call)
    form = DecisionForm(request.POST, prefix=f"s{submission.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("calls:ranking", pk=pk)
    try:
        decision_services.set_pending_decision(
            submission=submission,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            requests=form.cleaned_data["requests"],
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The pending decision is changed."))
    return redirect("calls:ranking", pk=pk)


@login_required
@require_POST
def apply_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    try:
        count = decision_services.apply_decisions(
            call=call, actor=request.user, expected_version=_version(request), request=request
        )
    except ValidationError as error:
        _report(request, error)
        return redirect("calls:ranking", pk=pk)
    messages.success(
        request,
        ngettext(
            "%(count)d decision is applied. Its message waits in the outbox until you release it.",
            "%(count)d decisions are applied. Their messages wait in the outbox until you "
            "release them.",
            count,
        )
        % {"count": count},
    )
    return redirect("calls:outbox", pk=pk)


@login_required
def outbox(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    return render(
        request,
        "web/calls/outbox.html",
        {
            "call": call,
            "messages_list": selectors.outbox_of(call),
            "held": selectors.held_count(call),
            "current_tab": "outbox",
        },
    )


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    chosen = [int(value) for value in request.POST.getlist("message") if value.isdigit()]
    sent = outbox_services.release_messages(
        call=call, actor=request.user, message_ids=chosen or None, request=request
    )
    messages.success(
        request,
        ngettext("%(count)d message sent.", "%(count)d messages sent.", sent) % {"count": sent},
    )
    return redirect("calls:outbox", pk=pk)


@login_required
@require_POST
def discard(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    message = get_object_or_404(OutboxMessage, pk=message_pk, call=call, status=OutboxStatus.HELD)
    outbox_services.discard_message(message=message, actor=request.user, request=request)
    messages.success(request, _("The message is discarded."))
    return redirect("calls:outbox", pk=pk)


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    if not rules.is_call_organiser(request.user):
        raise PermissionDenied
    return render(
        request,
        "web/calls/templates.html",
        {
            "templates": MessageTemplate.objects.all(),
            "placeholders": outbox_services.PLACEHOLDERS,
        },
    )


@login_required
def edit_template(request: HttpRequest, template_pk: int) -> HttpResponse:
    if not rules.is_call_organiser(request.user):
        raise PermissionDenied
    template = get_object_or_404(MessageTemplate, pk=template_pk)
    form = MessageTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            outbox_services.update_template(
                template=template,
                actor=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("calls:templates")
    template.refresh_from_db()
    return render(
        request,
        "web/calls/edit_template.html",
        {"template": template, "form": form, "placeholders": outbox_services.PLACEHOLDERS},
    )


@login_required
def export_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    response = HttpResponse(review_sheet(call), content_type=XLSX_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="reviews-call-{call.pk}.xlsx"'
    return response


@login_required
def export_booklet(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    response = HttpResponse(booklet_pdf(call), content_type=PDF_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="selected-projects-call-{call.pk}.pdf"'
    return response
