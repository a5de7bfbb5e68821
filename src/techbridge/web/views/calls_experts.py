"""Organisers' pages of a call's experts: the pool, and the reviewer assignment (runs of
the solver in the background with progress and cancellation, manual and locked pairs)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from techbridge.calls import selectors
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.models import AssignmentRun, PoolMember, ReviewAssignment, Submission
from techbridge.calls.reasons import assignment_reason
from techbridge.calls.services import assignment as assignment_services
from techbridge.calls.services import experts as expert_services
from techbridge.catalogue.models import ExpertProfile
from techbridge.web.views.calls import organiser_call


def _report(request: HttpRequest, error: ValidationError) -> None:
    for problem in error.messages:
        messages.error(request, problem)


@login_required
def pool(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    return render(
        request,
        "web/calls/pool.html",
        {
            "call": call,
            "members": selectors.pool_of(call),
            "candidates": selectors.pool_candidates(call),
            "current_tab": "experts",
        },
    )


@login_required
@require_POST
def add_expert(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    profile = get_object_or_404(ExpertProfile, pk=request.POST.get("profile"))
    try:
        expert_services.add_pool_member(
            call=call, actor=request.user, profile=profile, request=request
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The expert is in the pool."))
    return redirect("calls:pool", pk=pk)


@login_required
@require_POST
def remove_expert(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    member = get_object_or_404(PoolMember, pk=member_pk, call=call)
    expert_services.remove_pool_member(member=member, actor=request.user, request=request)
    messages.success(request, _("The expert has left the pool."))
    return redirect("calls:pool", pk=pk)


def _optional_number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


@login_required
@require_POST
def expert_loads(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    member = get_object_or_404(PoolMember, pk=member_pk, call=call)
    try:
        expert_services.set_loads(
            member=member,
            actor=request.user,
            minimum=_optional_number(request.POST.get("minimum")),
            maximum=_optional_number(request.POST.get("maximum")),
            request=request,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("calls:pool", pk=pk)


@login_required
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    assignments = list(selectors.assignments_of_call(call))
    reviewable = list(selectors.reviewable_submissions(call).select_related("organisation"))
    members = list(selectors.pool_of(call))
    conflicts = call_conflicts(call, reviewable, members)
    run = selectors.latest_run(call)
    return render(
        request,
        "web/calls/assignment.html",
        {
            "call": call,
            "run": run,
            **_run_details(run),
            "assignments": assignments,
            "reviewable": reviewable,
            "members": members,
            "conflict_count": len(conflicts),
            "current_tab": "assignment",
        },
    )


@login_required
@require_POST
def start_run(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    try:
        assignment_services.start_assignment_run(call=call, actor=request.user, request=request)
    except ValidationError as error:
        _report(request, error)
    return redirect("calls:assignment", pk=pk)


def _run(request: HttpRequest, pk: int, run_pk: int) -> AssignmentRun:
    call = organiser_call(request, pk)
    return get_object_or_404(AssignmentRun.objects.select_related("call"), pk=run_pk, call=call)


@login_required
def run_status(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    """The run's panel; htmx polls it while the run is in progress."""
    run = _run(request, pk, run_pk)
    return render(
        request, "web/calls/_run.html", {"call": run.call, "run": run, **_run_details(run)}
    )


def _run_details(run: AssignmentRun | None) -> dict[str, object]:
    """The run's projects short of reviewers (by project code) and its explanations in the
    reader's language (each with whether it could be translated)."""
    if run is None:
        return {"unfilled": [], "explanations": []}
    codes = {submission.pk: submission.code for submission in run.call.submissions.all()}
    return {
        "unfilled": [(codes.get(submission, "?"), missing) for submission, missing in run.unfilled],
        "explanations": [assignment_reason(explanation) for explanation in run.explanations],
    }


@login_required
@require_POST
def cancel_run(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    run = _run(request, pk, run_pk)
    try:
        assignment_services.cancel_assignment_run(run=run, actor=request.user, request=request)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.info(request, _("The assignment run is being cancelled."))
    return redirect("calls:assignment", pk=pk)


@login_required
@require_POST
def apply_run(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    run = _run(request, pk, run_pk)
    try:
        created = assignment_services.apply_assignment_run(
            run=run, actor=request.user, request=request
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The assignment is applied: %(count)d new pair; the expert is told by e-mail.",
                "The assignment is applied: %(count)d new pairs; the experts are told by e-mail.",
                len(created),
            )
            % {"count": len(created)},
        )
    return redirect("calls:assignment", pk=pk)


@login_required
@require_POST
def assign_manually(request: HttpRequest, pk: int) -> HttpResponse:
    call = organiser_call(request, pk)
    submission = get_object_or_404(Submission, pk=request.POST.get("submission"), call=call)
    member = get_object_or_404(PoolMember, pk=request.POST.get("member"), call=call)
    try:
        expert_services.assign_manually(
            submission=submission, member=member, actor=request.user, request=request
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The pair is assigned and locked."))
    return redirect("calls:assignment", pk=pk)


def _assignment(request: HttpRequest, pk: int, assignment_pk: int) -> ReviewAssignment:
    call = organiser_call(request, pk)
    return get_object_or_404(
        ReviewAssignment.objects.select_related("submission__call", "member__user"),
        pk=assignment_pk,
        submission__call=call,
    )


@login_required
@require_POST
def lock_assignment(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    pair = _assignment(request, pk, assignment_pk)
    expert_services.set_lock(
        assignment=pair,
        actor=request.user,
        is_locked=request.POST.get("locked") == "1",
        request=request,
    )
    return redirect("calls:assignment", pk=pk)


@login_required
@require_POST
def remove_assignment(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    pair = _assignment(request, pk, assignment_pk)
    try:
        expert_services.remove_assignment(assignment=pair, actor=request.user, request=request)
    except ValidationError as error:
        _report(request, error)
    return redirect("calls:assignment", pk=pk)
