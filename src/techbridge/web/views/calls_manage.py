"""Organisers' pages of a call: settings and their parts, publication, applications with
the eligibility check to confirm or override."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.calls import rules, selectors
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.eligibility import describe_problems
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.forms import CALL_PARTS, CallForm, ReasonForm, part_formset
from techbridge.calls.models import Submission
from techbridge.calls.selectors import project_view
from techbridge.calls.services import calls as call_services
from techbridge.calls.services import submissions as submission_services
from techbridge.calls.services.submissions import allowed_transitions
from techbridge.web.views.calls import organiser_call


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not rules.is_call_organiser(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = call_services.create_call(actor=request.user, request=request, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call is created. Now define its rubric."))
            return redirect("calls:parts", pk=call.pk, part="rubric")
    return render(request, "web/calls/edit.html", {"form": form, "call": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            call_services.update_call(
                call=call, actor=request.user, request=request, **form.values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("calls:detail", pk=call.pk)
    call.refresh_from_db()
    return render(
        request,
        "web/calls/edit.html",
        {"form": form, "call": call, "current_tab": "settings"},
    )


@login_required
def edit_parts(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """One part of the call (rubric, questions, documents, quotas, phases) as a formset."""
    call = organiser_call(request, pk)
    if part not in CALL_PARTS:
        raise Http404
    form_class, title = CALL_PARTS[part]
    formset_class = part_formset(form_class)
    queryset = form_class.Meta.model.objects.filter(call=call)
    formset = formset_class(request.POST or None, queryset=queryset, prefix=part)
    if request.method == "POST" and formset.is_valid():
        saved = formset.save(commit=False)
        try:
            call_services.save_call_parts(
                call=call,
                actor=request.user,
                saved=saved,
                deleted=list(formset.deleted_objects),
                request=request,
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect("calls:parts", pk=call.pk, part=part)
    return render(
        request,
        "web/calls/parts.html",
        {
            "call": call,
            "formset": formset,
            "part": part,
            "title": title,
            "parts": [(key, label) for key, (_form, label) in CALL_PARTS.items()],
            "current_tab": "settings",
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    try:
        call_services.publish_call(call=call, actor=request.user, request=request)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("The call is published."))
    return redirect("calls:detail", pk=pk)


@login_required
def submissions(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    rows = [
        (submission, describe_problems(submission.eligibility_problems))
        for submission in selectors.submissions_of_call(call)
    ]
    return render(
        request,
        "web/calls/submissions.html",
        {"call": call, "rows": rows, "current_tab": "applications"},
    )


def _call_submission(request: HttpRequest, pk: int, submission_pk: int) -> Submission:
    call = organiser_call(request, pk)
    return get_object_or_404(
        Submission.objects.select_related("call", "organisation", "applicant", "offer"),
        pk=submission_pk,
        call=call,
    )


@login_required
def submission(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    application = _call_submission(request, pk, submission_pk)
    members = list(selectors.pool_of(application.call))
    names = {member.pk: member.user.full_name for member in members}
    conflicts = call_conflicts(application.call, [application], members)
    context = {
        "call": application.call,
        "submission": application,
        "project": project_view(application, blind=False),
        "eligibility": describe_problems(application.eligibility_problems),
        "transitions": [
            SubmissionStatus(target)
            for target in allowed_transitions(application, request.user)
            if target in (SubmissionStatus.ELIGIBLE, SubmissionStatus.INELIGIBLE)
        ],
        "reason_form": ReasonForm(),
        "assignments": selectors.assignments_of_call(application.call).filter(
            submission=application
        ),
        "conflicts": [
            (names[conflict.member_id], conflict.label)
            for found in conflicts.values()
            for conflict in found
        ],
        "documents": application.attachments.select_related("requirement"),
        "current_tab": "applications",
    }
    return render(request, "web/calls/submission.html", context)


@login_required
@require_POST
def confirm_eligibility(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    application = _call_submission(request, pk, submission_pk)
    try:
        submission_services.confirm_eligibility(
            submission=application, actor=request.user, request=request
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("The eligibility check is confirmed."))
    return redirect("calls:submissions", pk=pk)


@login_required
@require_POST
def override_eligibility(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    """An organiser sets eligible or not eligible against the automatic check."""
    application = _call_submission(request, pk, submission_pk)
    target = request.POST.get("status", "")
    if target not in (SubmissionStatus.ELIGIBLE, SubmissionStatus.INELIGIBLE):
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for this decision."))
        return redirect("calls:submission", pk=pk, submission_pk=submission_pk)
    try:
        submission_services.change_submission_status(
            submission=application,
            to_status=target,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("The application is now “%(status)s”.") % {"status": SubmissionStatus(target).label},
        )
    return redirect("calls:submission", pk=pk, submission_pk=submission_pk)
