"""Applicants' pages: enter an offer into a call, answer, attach, submit, withdraw, and
follow the status with anonymised feedback when the phase shows it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.calls import rules, selectors
from techbridge.calls.eligibility import describe_problems, eligibility_problems
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.forms import AnswersForm, DocumentForm, StartApplicationForm
from techbridge.calls.models import RequiredAttachment, Submission, SubmissionAttachment
from techbridge.calls.selectors import project_view
from techbridge.calls.services import documents
from techbridge.calls.services import submissions as submission_services
from techbridge.web.views.calls import call_or_404


@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_or_404(pk)
    if not rules.can_apply(request.user, call):
        raise PermissionDenied
    offers = selectors.offers_to_enter(request.user, call)
    form = StartApplicationForm(request.POST or None, offers=offers)
    if request.method == "POST" and form.is_valid():
        try:
            submission = submission_services.start_application(
                call=call, applicant=request.user, offer=form.cleaned_data["offer"], request=request
            )
        except ValidationError as error:
            form.add_error("offer", error)
        else:
            messages.success(request, _("Your application is started as a draft."))
            return redirect("calls:application", pk=submission.pk)
    return render(
        request, "web/calls/apply.html", {"call": call, "form": form, "has_offers": offers.exists()}
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/calls/my_applications.html",
        {"applications": selectors.applications_of(request.user)},
    )


def _own_submission(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(
        Submission.objects.select_related("call", "offer", "organisation"), pk=pk
    )
    if not rules.is_applicant(request.user, submission):
        raise Http404
    return submission


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    call = submission.call
    editable = rules.can_edit_submission(request.user, submission)
    uploads = {document.requirement_id: document for document in submission.attachments.all()}
    requirements = [
        (requirement, uploads.get(requirement.pk))
        for requirement in call.required_attachments.all()
    ]
    context = {
        "submission": submission,
        "call": call,
        "project": project_view(submission, blind=False),
        "editable": editable,
        "answers_form": AnswersForm(
            questions=list(call.questions.all()), answers=submission.answers
        ),
        "requirements": requirements,
        "document_form": DocumentForm(),
        "problems": submission_services.completeness_problems(submission) if editable else [],
        "warnings": describe_problems(eligibility_problems(submission)) if editable else [],
        "eligibility": describe_problems(submission.eligibility_problems),
        "can_withdraw": rules.can_withdraw(request.user, submission),
        "feedback": selectors.feedback_for(submission)
        if rules.can_see_feedback(request.user, submission)
        else None,
        "is_open": call.is_open(),
    }
    return render(request, "web/calls/application.html", context)


@login_required
@require_POST
def save_answers(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    form = AnswersForm(
        request.POST, questions=list(submission.call.questions.all()), answers=submission.answers
    )
    if form.is_valid():
        submission_services.save_answers(
            submission=submission, actor=request.user, answers=form.answers(), request=request
        )
        messages.success(request, _("Your answers are saved."))
    return redirect("calls:application", pk=pk)


@login_required
@require_POST
def upload_document(request: HttpRequest, pk: int, requirement_pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    requirement = get_object_or_404(RequiredAttachment, pk=requirement_pk, call=submission.call)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.upload_document(
                submission=submission,
                requirement=requirement,
                actor=request.user,
                upload=form.cleaned_data["file"],
                request=request,
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The document is attached."))
    else:
        for problem in form.errors.get("file", []):
            messages.error(request, problem)
    return redirect("calls:application", pk=pk)


def download_document(request: HttpRequest, pk: int) -> FileResponse:
    """Always a download with the checked type; reviewers of a blind phase get nothing."""
    document = get_object_or_404(
        SubmissionAttachment.objects.select_related("submission__call"), pk=pk
    )
    if not rules.can_download_attachment(request.user, document.submission):
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.media_type,
    )


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant submits (or resubmits) or withdraws."""
    submission = _own_submission(request, pk)
    target = request.POST.get("status", "")
    if target not in (SubmissionStatus.SUBMITTED, SubmissionStatus.WITHDRAWN):
        raise Http404
    try:
        submission = submission_services.change_submission_status(
            submission=submission,
            to_status=target,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        if target == SubmissionStatus.WITHDRAWN:
            messages.success(request, _("Your application is withdrawn."))
        else:
            messages.success(
                request,
                _("Your application is submitted. Its status now: “%(status)s”.")
                % {"status": submission.get_status_display()},
            )
    return redirect("calls:application", pk=pk)
