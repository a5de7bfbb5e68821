"""Organisation pages: directory, registration, profile, verification, members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.accounts import rules, selectors, services
from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.forms import (
    MembershipRequestForm,
    OrganisationFilterForm,
    OrganisationForm,
    RegisterOrganisationForm,
)
from techbridge.accounts.models import Membership, Organisation

PAGE_SIZE = 24


def directory(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilterForm(request.GET or None)
    country = organisation_type = None
    if filters.is_valid():
        country = filters.cleaned_data["country"] or None
        organisation_type = filters.cleaned_data["organisation_type"] or None
    organisations = selectors.organisation_directory(
        country=country, organisation_type=organisation_type
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "web/organisations/_directory_results.html"
        if request.htmx
        else "web/organisations/directory.html"
    )
    return render(request, template, {"filters": filters, "page": page})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    can_edit = rules.can_edit_organisation(request.user, organisation)
    is_member = (
        request.user.is_authenticated
        and organisation.memberships.filter(user=request.user)
        .exclude(status=MembershipStatus.REVOKED)
        .exists()
    )
    if not organisation.is_verified and not (can_edit or is_member):
        # Unverified organisations are not public.
        raise PermissionDenied
    can_manage = rules.can_manage_members(request.user, organisation)
    context = {
        "organisation": organisation,
        "can_edit": can_edit,
        "can_verify": rules.can_verify_organisation(request.user, organisation),
        "can_manage_members": can_manage,
        "members": selectors.members_of(organisation) if (can_manage or can_edit) else None,
        "join_form": MembershipRequestForm()
        if request.user.is_authenticated and not is_member
        else None,
    }
    return render(request, "web/organisations/detail.html", context)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}
        organisation = services.register_organisation(
            user=request.user, role=form.cleaned_data["role"], request=request, **fields
        )
        messages.success(
            request,
            _(
                "Your organisation is registered. An organiser will verify it; until then it "
                "cannot act on the platform."
            ),
        )
        return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "web/organisations/register.html", {"form": form})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}
        services.update_organisation(
            actor=request.user, organisation=organisation, request=request, **fields
        )
        messages.success(request, _("The organisation's profile has been saved."))
        return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request, "web/organisations/edit.html", {"form": form, "organisation": organisation}
    )


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not rules.is_organiser(request.user):
        raise PermissionDenied
    return render(
        request,
        "web/organisations/verification_queue.html",
        {"organisations": selectors.organisations_awaiting_verification()},
    )


@login_required
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.can_verify_organisation(request.user, organisation):
        raise PermissionDenied
    verified = request.POST.get("verified", "1") == "1"
    organisation = services.set_organisation_verified(
        actor=request.user, organisation=organisation, verified=verified, request=request
    )
    if request.htmx:
        return render(
            request,
            "web/organisations/_verification_status.html",
            {"organisation": organisation, "can_verify": True},
        )
    messages.success(
        request,
        _("The organisation is now verified.")
        if verified
        else _("The organisation's verification has been withdrawn."),
    )
    return redirect("organisations:detail", pk=pk)


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, is_verified=True)
    form = MembershipRequestForm(request.POST)
    if form.is_valid():
        services.request_membership(
            user=request.user,
            organisation=organisation,
            role=form.cleaned_data["role"],
            request=request,
        )
        messages.success(request, _("Your request has been sent to the organisation's managers."))
    else:
        messages.error(request, _("Choose a role to request."))
    return redirect("organisations:detail", pk=pk)


def _membership(pk: int, membership_pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=membership_pk,
        organisation_id=pk,
    )


@login_required
@require_POST
def approve_member(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(pk, membership_pk)
    if not rules.can_grant_role(request.user, membership.organisation, membership.role):
        raise PermissionDenied
    services.grant_role(
        actor=request.user,
        user=membership.user,
        organisation=membership.organisation,
        role=membership.role,
        request=request,
    )
    messages.success(request, _("The member has been approved."))
    return redirect("organisations:detail", pk=pk)


@login_required
@require_POST
def revoke_member(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(pk, membership_pk)
    if not rules.can_grant_role(request.user, membership.organisation, membership.role):
        raise PermissionDenied
    services.revoke_role(actor=request.user, membership=membership, request=request)
    messages.success(request, _("The role has been revoked."))
    return redirect("organisations:detail", pk=pk)
