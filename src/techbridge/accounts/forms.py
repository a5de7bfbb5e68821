"""Forms of the accounts domain. They validate and call services; errors are translated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from techbridge.accounts import services
from techbridge.accounts.enums import Country, Language, OrganisationType, Role
from techbridge.accounts.models import Organisation, User
from techbridge.i18n_text import MultilingualTextFormField


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        self.needs_confirmation = False
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        wait = services.sign_in_wait_seconds(email=email, request=self.request)
        if wait:
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. To protect your account, please wait "
                    "%(seconds)d second before trying again.",
                    "Too many failed sign-in attempts. To protect your account, please wait "
                    "%(seconds)d seconds before trying again.",
                    wait,
                ),
                code="throttled",
                params={"seconds": wait},
            )
        user = authenticate(self.request, email=email, password=password)
        if user is None:
            services.record_sign_in_failure(email=email, request=self.request)
            if services.sign_in_wait_seconds(email=email, request=self.request):
                raise forms.ValidationError(
                    _(
                        "The e-mail address or password is incorrect. After repeated failures, "
                        "further attempts are slowed down to protect your account; please wait "
                        "a moment before trying again."
                    ),
                    code="invalid_login_throttled",
                )
            raise forms.ValidationError(
                _("The e-mail address or password is incorrect."), code="invalid_login"
            )
        if not user.has_confirmed_email:
            self.needs_confirmation = True
            self.user = user
            raise forms.ValidationError(
                _("Please confirm your e-mail address first: open the link we sent to %(email)s."),
                code="unconfirmed",
                params={"email": user.email},
            )
        self.user = user
        return cleaned


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password, not only digits."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=settings.TIME_ZONE_CHOICES)
    accept_terms = forms.BooleanField(
        label=_(
            "I agree that my personal data is processed to run my account, and stored "
            "separately from the public data of projects."
        ),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. Sign in or reset your "
                    "password."
                ),
                code="duplicate",
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=settings.TIME_ZONE_CHOICES)

    class Meta:
        model = User
        fields = ["full_name", "position", "phone", "preferred_language", "time_zone"]


class OrganisationForm(forms.ModelForm):
    names = MultilingualTextFormField(label=_("Name"), max_length=300, minimum_languages=1)
    short_names = MultilingualTextFormField(label=_("Short name"), max_length=100, required=False)
    descriptions = MultilingualTextFormField(label=_("Description"), required=False, multiline=True)
    regions = MultilingualTextFormField(label=_("Region or city"), max_length=200, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "names",
            "short_names",
            "organisation_type",
            "country",
            "regions",
            "website",
            "descriptions",
        ]


class RegisterOrganisationForm(OrganisationForm):
    role = forms.ChoiceField(
        label=_("Your role in this organisation"),
        choices=[choice for choice in Role.choices if choice[0] != Role.ORGANISER],
    )

    class Meta(OrganisationForm.Meta):
        pass


class MembershipRequestForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[choice for choice in Role.choices if choice[0] != Role.ORGANISER]
    )


class OrganisationFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation_type = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *Country.choices]
        self.fields["organisation_type"].choices = [("", _("All types")), *OrganisationType.choices]
