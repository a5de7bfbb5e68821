"""Experts' pages of a call: their assignments, bids and conflicts, and the blind review
form with autosave. Nothing here ever shows who applied."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.calls import rules, selectors
from techbridge.calls.conflicts import call_conflicts
from techbridge.calls.enums import ReviewStatus
from techbridge.calls.forms import BidForm, ReasonForm, ReviewForm
from techbridge.calls.models import DeclaredConflict, PoolMember, ReviewAssignment, Submission
from techbridge.calls.selectors import project_view
from techbridge.calls.services import experts as expert_services
from techbridge.calls.services import reviews as review_services
from techbridge.web.views.calls import call_or_404


def _member(request: HttpRequest, pk: int) -> PoolMember:
    call = call_or_404(pk)
    member = rules.pool_member(request.user, call)
    if member is None:
        raise PermissionDenied
    return member


@login_required
def my_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    call = member.call
    return render(
        request,
        "web/calls/my_reviews.html",
        {
            "call": call,
            "assignments": selectors.assignments_of_expert(request.user, call),
            "phase": rules.current_phase(call),
            "can_bid": rules.can_bid(request.user, call),
        },
    )


@login_required
def bids(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's projects the expert may review, blind. Projects with an automatic
    conflict are left out: naming the conflict would tell who applied."""
    member = _member(request, pk)
    call = member.call
    submissions = list(selectors.reviewable_submissions(call))
    conflicts = call_conflicts(call, submissions, [member])
    declared = set(
        DeclaredConflict.objects.filter(member=member).values_list("submission_id", flat=True)
    )
    placed = selectors.bids_of(member)
    rows = [
        (
            project_view(submission, blind=True),
            submission,
            BidForm(initial={"bid": placed.get(submission.pk, "")}, prefix=f"s{submission.pk}"),
            submission.pk in declared,
        )
        for submission in submissions
        if submission.pk in declared or (submission.pk, member.pk) not in conflicts
    ]
    return render(
        request,
        "web/calls/bids.html",
        {
            "call": call,
            "rows": rows,
            "can_bid": rules.can_bid(request.user, call),
            "reason_form": ReasonForm(),
        },
    )


def _bid_submission(request: HttpRequest, pk: int, submission_pk: int) -> Submission:
    member = _member(request, pk)
    return get_object_or_404(
        Submission.objects.select_related("call"), pk=submission_pk, call=member.call
    )


@login_required
@require_POST
def place_bid(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    submission = _bid_submission(request, pk, submission_pk)
    form = BidForm(request.POST, prefix=f"s{submission.pk}")
    saved = False
    if form.is_valid():
        expert_services.place_bid(
            submission=submission, actor=request.user, bid=form.cleaned_data["bid"] or None
        )
        saved = True
    if request.htmx:
        return render(request, "web/calls/_bid_saved.html", {"saved": saved})
    if saved:
        messages.success(request, _("Your bid is saved."))
    return redirect("calls:bids", pk=pk)


@login_required
@require_POST
def declare_conflict(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    submission = _bid_submission(request, pk, submission_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what ties you to this project."))
    else:
        expert_services.declare_conflict(
            submission=submission,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
        messages.success(
            request,
            _("Your conflict of interest is recorded; you will not review %(code)s.")
            % {"code": submission.code},
        )
    return redirect("calls:bids", pk=pk)


def _own_assignment(request: HttpRequest, assignment_pk: int) -> ReviewAssignment:
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("submission__call", "member"), pk=assignment_pk
    )
    if not rules.is_assigned_expert(request.user, assignment):
        raise Http404
    return assignment


@login_required
def review(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    assignment = _own_assignment(request, assignment_pk)
    submission = assignment.submission
    call = submission.call
    existing = getattr(assignment, "review", None)
    editable = rules.can_review(request.user, assignment) and (
        existing is None or existing.status == ReviewStatus.DRAFT
    )
    criteria = list(call.criteria.all())
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        scores=existing.scores if existing else {},
        initial={
            "feedback": existing.feedback if existing else "",
            "private_note": existing.private_note if existing else "",
        },
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            values = {
                "assignment": assignment,
                "actor": request.user,
                "scores": form.scores(),
                "feedback": form.cleaned_data["feedback"],
                "private_note": form.cleaned_data["private_note"],
            }
            try:
                if request.POST.get("then") == "submit":
                    review_services.submit_review(request=request, **values)
                    messages.success(request, _("Your review is sent. Thank you."))
                    return redirect("calls:my_reviews", pk=call.pk)
                review_services.save_review_draft(**values)
                messages.success(request, _("Your draft is saved."))
                return redirect("calls:review", assignment_pk=assignment.pk)
            except ValidationError as error:
                if request.POST.get("then") == "submit":
                    # The draft keeps what was typed even when sending is refused.
                    review_services.save_review_draft(**values)
                form.add_service_errors(error)
    return render(
        request,
        "web/calls/review.html",
        {
            "call": call,
            "assignment": assignment,
            "review": existing,
            "project": project_view(submission, blind=rules.is_blind(call)),
            "form": form,
            "editable": editable,
            "abstain_form": ReasonForm(),
            "saved_at": existing.updated_at if existing else None,
        },
    )


@login_required
@require_POST
def autosave(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """htmx: keep the draft as the expert types; answers with the autosave status."""
    assignment = _own_assignment(request, assignment_pk)
    form = ReviewForm(
        request.POST, criteria=list(assignment.submission.call.criteria.all()), scores={}
    )
    error = ""
    saved_at = None
    if form.is_valid():
        try:
            draft = review_services.save_review_draft(
                assignment=assignment,
                actor=request.user,
                scores=form.scores(),
                feedback=form.cleaned_data["feedback"],
                private_note=form.cleaned_data["private_note"],
            )
            saved_at = draft.updated_at
        except (ValidationError, PermissionDenied) as refusal:
            error = " ".join(getattr(refusal, "messages", [])) or _(
                "The review can no longer be changed."
            )
    else:
        error = _("Some values could not be saved; check the form.")
    return render(
        request,
        "web/calls/_autosave.html",
        {"saved_at": saved_at, "error": error, "now": timezone.now()},
    )


@login_required
@require_POST
def abstain(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    assignment = _own_assignment(request, assignment_pk)
    form = ReasonForm(request.POST)
    try:
        review_services.abstain_from_review(
            assignment=assignment,
            actor=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
            request=request,
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return redirect("calls:review", assignment_pk=assignment.pk)
    messages.success(request, _("You have abstained from this review."))
    return redirect("calls:my_reviews", pk=assignment.submission.call_id)
