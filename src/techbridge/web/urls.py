"""Pages of the site, in namespaces of their own (``web``, ``accounts``, ``organisations``)
mounted by ``techbridge.urls``."""

from django.urls import path

from techbridge.web.views import accounts, home, organisations, profile

account_patterns = [
    path("sign-in/", accounts.sign_in, name="sign_in"),
    path("sign-out/", accounts.sign_out, name="sign_out"),
    path("sign-up/", accounts.sign_up, name="sign_up"),
    path("sign-up/sent/", accounts.sign_up_sent, name="sign_up_sent"),
    path("confirm/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("confirm-again/", accounts.resend_confirmation, name="resend_confirmation"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", profile.profile, name="profile"),
]

organisation_patterns = [
    path("", organisations.directory, name="directory"),
    path("register/", organisations.register, name="register"),
    path("verification/", organisations.verification_queue, name="verification_queue"),
    path("<int:pk>/", organisations.detail, name="detail"),
    path("<int:pk>/edit/", organisations.edit, name="edit"),
    path("<int:pk>/verify/", organisations.verify, name="verify"),
    path("<int:pk>/join/", organisations.join, name="join"),
    path(
        "<int:pk>/members/<int:membership_pk>/approve/",
        organisations.approve_member,
        name="approve_member",
    ),
    path(
        "<int:pk>/members/<int:membership_pk>/revoke/",
        organisations.revoke_member,
        name="revoke_member",
    ),
]

site_patterns = [
    path("", home.home, name="home"),
    path("about/", home.about, name="about"),
]
