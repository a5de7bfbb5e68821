"""Sign-in, sign-up with e-mail confirmation, password reset and change."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts import services
from techbridge.accounts.forms import SignInForm, SignUpForm
from techbridge.accounts.models import User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.i18n_text import content_language


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = form.user
        assert user is not None
        login(request, user, backend="techbridge.accounts.backends.EmailBackend")
        services.clear_sign_in_failures(email=user.email)
        # After sign-in, the site speaks the user's own language.
        target = translate_url(_safe_next(request, reverse("web:home")), user.preferred_language)
        return _remember_language(redirect(target), user.preferred_language)
    return render(
        request,
        "web/accounts/sign_in.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "needs_confirmation": form.needs_confirmation,
        },
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("web:home")


@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    initial = {
        "preferred_language": request.LANGUAGE_CODE,
        "time_zone": request.COOKIES.get(settings.TIME_ZONE_COOKIE_NAME)
        or (
            "Asia/Shanghai"
            if content_language() == "zh"
            else "Europe/Moscow"
            if content_language() == "ru"
            else "UTC"
        ),
    }
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.sign_up(
            email=data["email"],
            password=data["password"],
            full_name=data["full_name"],
            preferred_language=data["preferred_language"],
            time_zone=data["time_zone"],
            request=request,
        )
        request.session["signed_up_email"] = user.email
        return redirect("accounts:sign_up_sent")
    return render(request, "web/accounts/sign_up.html", {"form": form})


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/accounts/sign_up_sent.html", {"email": request.session.get("signed_up_email")}
    )


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    user = services.confirm_email(token=token, request=request)
    if user is None:
        return render(request, "web/accounts/confirm_failed.html", status=400)
    messages.success(request, _("Your e-mail address is confirmed. Welcome to TechBridge!"))
    if not request.user.is_authenticated:
        login(request, user, backend="techbridge.accounts.backends.EmailBackend")
    target = translate_url(reverse("accounts:profile"), user.preferred_language)
    return _remember_language(redirect(target), user.preferred_language)


@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Send the link again; says the same whether or not the address has an account."""
    email = request.POST.get("email", "").strip().lower()
    user = User.objects.filter(email=email, email_confirmed_at__isnull=True).first()
    if user is not None:
        services.send_confirmation_email(user=user)
    messages.info(
        request,
        _("If %(email)s has an account waiting for confirmation, we have sent the link again.")
        % {"email": email},
    )
    return redirect("accounts:sign_in")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_action(
            actor=form.user,
            action=AuditAction.PASSWORD_RESET,
            target=form.user,
            request=self.request,
        )
        services.clear_sign_in_failures(email=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_action(
            actor=self.request.user,
            action=AuditAction.PASSWORD_CHANGED,
            target=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("Your password has been changed."))
        return response
