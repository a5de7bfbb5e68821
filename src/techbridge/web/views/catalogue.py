"""Catalogue pages: browse and search, item pages, authoring, attachments."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts.rules import acting_memberships
from techbridge.catalogue import rules, selectors
from techbridge.catalogue.enums import ItemKind, ItemStatus
from techbridge.catalogue.forms import FORMS, AttachmentForm, FilterForm, InterestForm
from techbridge.catalogue.models import Attachment, CatalogueItem
from techbridge.catalogue.search import query_terms
from techbridge.catalogue.services import attachments as attachment_services
from techbridge.catalogue.services import items as item_services
from techbridge.catalogue.services import lifecycle
from techbridge.catalogue.services.lifecycle import allowed_transitions, completeness_problems
from techbridge.matchmaking import selectors as matching
from techbridge.web.pagination import KeysFirstPaginator

PAGE_SIZE = 20
KIND_BY_SLUG = {"offers": ItemKind.OFFER, "needs": ItemKind.NEED, "experts": ItemKind.EXPERT}
SLUG_BY_KIND = {kind: slug for slug, kind in KIND_BY_SLUG.items()}


def _kind(slug: str) -> ItemKind:
    try:
        return KIND_BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def browse(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = _kind(kind_slug)
    form = FilterForm(request.GET or None, kind=kind)
    filters = form.filters()
    items = selectors.filter_items(selectors.published_items(kind), kind, filters)
    searching = bool(query_terms(filters.query))
    if searching and filters.sort in ("", "relevance"):
        # Cross-lingual: a Chinese query also finds Russian offers without a Chinese text.
        without_query = replace(filters, query="")
        items = matching.blend_search(
            selectors.filter_items(selectors.published_items(kind), kind, without_query),
            items,
            kind,
            filters.query,
        )
    # Keys first: a deep page does not make the database step over full rows. A search
    # ranks every match anyway, so its page query counts them too.
    paginator = KeysFirstPaginator(
        items,
        PAGE_SIZE,
        rows=lambda keys: selectors.published_items(kind).filter(pk__in=keys),
        count_with_keys=searching,
    )
    page = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "kind": kind,
        "kind_slug": kind_slug,
        "form": form,
        "filters": filters,
        "page": page,
        "query_string": query_without_page.urlencode(),
        "can_create": rules.can_create_item(request.user, kind),
    }
    template = "web/catalogue/_results.html" if request.htmx else "web/catalogue/browse.html"
    return render(request, template, context)


def _item_or_404(pk: int) -> CatalogueItem:
    try:
        return selectors.item_for_page(pk)
    except CatalogueItem.DoesNotExist:
        raise Http404 from None


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    if not rules.can_view_item(request.user, item):
        raise Http404
    user = request.user
    is_owner = rules.is_item_owner(user, item)
    interest_form = None
    if rules.can_express_interest(user, item):
        organisations = [
            membership.organisation
            for membership in acting_memberships(user).select_related("organisation")
        ]
        interest_form = InterestForm(organisations=organisations)
    own_interest = item.interests.filter(sender=user).first() if user.is_authenticated else None
    context = {
        "item": item,
        "kind_slug": SLUG_BY_KIND[ItemKind(item.kind)],
        "is_owner": is_owner,
        "can_edit": rules.can_edit_item(user, item),
        "can_moderate": rules.can_moderate(user),
        "show_contacts": rules.can_see_owner_contacts(user, item),
        "transitions": allowed_transitions(item, user if user.is_authenticated else None),
        "problems": completeness_problems(item)
        if is_owner and item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED)
        else [],
        "interest_form": interest_form if own_interest is None else None,
        "own_interest": own_interest,
        "interests": selectors.interests_for_item(item)
        if (is_owner or rules.can_moderate(user))
        else None,
        "attachment_form": AttachmentForm() if rules.can_edit_item(user, item) else None,
        "latest_review": item.reviews.all()[0] if item.reviews.all() else None,
    }
    return render(request, "web/catalogue/detail.html", context)


@login_required
def create(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = _kind(kind_slug)
    organisations = rules.organisations_for_kind(request.user, kind)
    if not organisations:
        raise PermissionDenied
    form_class = FORMS[kind]
    initial = {"source_language": request.LANGUAGE_CODE[:2], "organisation": organisations[0]}
    form = form_class(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = item_services.create_item(
            kind=kind,
            owner=request.user,
            organisation=form.cleaned_data["organisation"],
            fields=list(form.cleaned_data["fields"]),
            request=request,
            **form.values(),
        )
        return _after_save(request, item)
    return render(request, "web/catalogue/edit.html", {"form": form, "kind": kind, "item": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    if not rules.can_edit_item(request.user, item):
        raise PermissionDenied
    kind = ItemKind(item.kind)
    form = FORMS[kind](request.POST or None, instance=item, organisations=[item.organisation])
    if request.method == "POST" and form.is_valid():
        try:
            item = item_services.update_item(
                item=item,
                actor=request.user,
                fields=list(form.cleaned_data["fields"]),
                request=request,
                **form.values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if item.status == ItemStatus.SUBMITTED:
                messages.info(
                    request,
                    _(
                        "Your changes were sent to the organisers for a check "
                        "before they are public again."
                    ),
                )
            return _after_save(request, item)
    item.refresh_from_db()
    return render(request, "web/catalogue/edit.html", {"form": form, "kind": kind, "item": item})


def _after_save(request: HttpRequest, item: CatalogueItem) -> HttpResponse:
    if request.POST.get("then") == "submit" and item.status in (
        ItemStatus.DRAFT,
        ItemStatus.RETURNED,
    ):
        try:
            lifecycle.change_item_status(
                item=item, to_status=ItemStatus.SUBMITTED, actor=request.user, request=request
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.warning(request, problem)
            messages.info(request, _("Your draft is saved. Complete it, then submit it."))
        else:
            messages.success(
                request, _("Submitted: the organisers will check it before it is published.")
            )
    else:
        messages.success(request, _("Saved."))
    return redirect("catalogue:detail", pk=item.pk)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CatalogueItem, pk=pk)
    target = request.POST.get("status", "")
    if target not in ItemStatus.values:
        raise Http404
    try:
        lifecycle.change_item_status(
            item=item, to_status=target, actor=request.user, request=request
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request, _("The status is now “%(status)s”.") % {"status": ItemStatus(target).label}
        )
    return redirect("catalogue:detail", pk=pk)


@login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CatalogueItem, pk=pk)
    try:
        item = lifecycle.extend_publication(item=item, actor=request.user, request=request)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("The publication is extended."))
    return redirect("catalogue:detail", pk=pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    items = selectors.items_of_owner(request.user)
    kinds = [
        (kind, SLUG_BY_KIND[kind], rules.can_create_item(request.user, kind)) for kind in ItemKind
    ]
    return render(request, "web/catalogue/mine.html", {"items": items, "kinds": kinds})


@login_required
@require_POST
def upload_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CatalogueItem, pk=pk)
    if not rules.can_edit_item(request.user, item):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_services.add_attachment(
                item=item, actor=request.user, upload=form.cleaned_data["file"], request=request
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The file is attached."))
    else:
        for problem in form.errors.get("file", []):
            messages.error(request, problem)
    return redirect("catalogue:detail", pk=pk)


@login_required
@require_POST
def remove_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    attachment_services.remove_attachment(
        attachment=attachment, actor=request.user, request=request
    )
    messages.success(request, _("The attachment is removed."))
    return redirect("catalogue:detail", pk=attachment.item_id)


def download_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Always a download with the checked type, never rendered inline by the browser."""
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not rules.can_view_item(request.user, attachment.item):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
