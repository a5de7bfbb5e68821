"""Expressions of interest: sending one, answering one, and the list of one's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.rules import acting_memberships
from techbridge.catalogue import rules, selectors
from techbridge.catalogue.forms import InterestForm
from techbridge.catalogue.models import CatalogueItem, ExpressionOfInterest
from techbridge.catalogue.services.interests import answer_interest, express_interest


@login_required
def send(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CatalogueItem, pk=pk)
    if not rules.can_express_interest(request.user, item):
        raise PermissionDenied
    organisations = [
        membership.organisation
        for membership in acting_memberships(request.user).select_related("organisation")
    ]
    form = InterestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            express_interest(
                item=item,
                sender=request.user,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
                cooperation_form=form.cleaned_data["cooperation_form"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your interest has been sent to the owner and the "
                    "organisers. You will see the owner's contacts once "
                    "they accept."
                ),
            )
            return redirect("catalogue:detail", pk=pk)
    return render(request, "web/catalogue/interest.html", {"item": item.specific, "form": form})


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(ExpressionOfInterest.objects.select_related("item"), pk=pk)
    if not rules.can_answer_interest(request.user, interest):
        raise PermissionDenied
    accept = request.POST.get("accept") == "1"
    answer_interest(interest=interest, actor=request.user, accept=accept, request=request)
    messages.success(
        request,
        _("Accepted: you now see each other's contacts.") if accept else _("Declined."),
    )
    return redirect("catalogue:interests")


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    interests = list(selectors.interests_of_user(request.user))
    return render(
        request,
        "web/catalogue/interests.html",
        {
            "sent": [interest for interest in interests if interest.sender_id == request.user.pk],
            "received": [
                interest for interest in interests if interest.sender_id != request.user.pk
            ],
        },
    )
