"""The organisers' check of catalogue items before publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from techbridge.catalogue import rules, selectors
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.forms import ReviewForm
from techbridge.catalogue.models import CatalogueItem
from techbridge.catalogue.services.lifecycle import review_item
from techbridge.matchmaking.selectors import duplicate_warnings


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    return render(
        request, "web/catalogue/moderation_queue.html", {"items": selectors.moderation_queue()}
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    try:
        item = selectors.item_for_page(pk)
    except CatalogueItem.DoesNotExist:
        raise Http404 from None
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and item.status == ItemStatus.SUBMITTED and form.is_valid():
        publish = request.POST.get("decision") == "publish"
        try:
            review_item(
                item=item,
                reviewer=request.user,
                checks=form.checks(),
                publish=publish,
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Published.") if publish else _("Returned to the author with your comment."),
            )
            return redirect("catalogue:moderation_queue")
    return render(
        request,
        "web/catalogue/review.html",
        {"item": item, "form": form, "duplicates": duplicate_warnings(item)},
    )
