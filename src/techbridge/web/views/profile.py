"""The signed-in user's profile: personal settings and organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _

from techbridge.accounts import selectors, services
from techbridge.accounts.forms import ProfileForm
from techbridge.web.views.accounts import _remember_language


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        # The form only validates; the service writes and audits.
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        request.user.refresh_from_db()
        user = services.update_profile(user=request.user, request=request, **changes)
        messages.success(request, _("Your profile has been saved."))
        target = translate_url(reverse("accounts:profile"), user.preferred_language)
        return _remember_language(redirect(target), user.preferred_language)
    return render(
        request,
        "web/accounts/profile.html",
        {"form": form, "memberships": selectors.memberships_of(request.user)},
    )
