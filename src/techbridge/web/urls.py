"""Pages of the site, in namespaces of their own (``web``, ``accounts``, ``organisations``)
mounted by ``techbridge.urls``."""

from django.urls import path

from techbridge.web.views import (
    accounts,
    catalogue,
    catalogue_interests,
    catalogue_moderation,
    home,
    organisations,
    profile,
)

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

catalogue_patterns = [
    path("mine/", catalogue.mine, name="mine"),
    path("interests/", catalogue_interests.overview, name="interests"),
    path("interests/<int:pk>/answer/", catalogue_interests.answer, name="answer_interest"),
    path("moderation/", catalogue_moderation.queue, name="moderation_queue"),
    path("attachments/<int:pk>/", catalogue.download_attachment, name="attachment"),
    path("attachments/<int:pk>/remove/", catalogue.remove_attachment, name="remove_attachment"),
    path("items/<int:pk>/", catalogue.detail, name="detail"),
    path("items/<int:pk>/edit/", catalogue.edit, name="edit"),
    path("items/<int:pk>/status/", catalogue.change_status, name="change_status"),
    path("items/<int:pk>/review/", catalogue_moderation.review, name="review"),
    path("items/<int:pk>/attachments/", catalogue.upload_attachment, name="upload_attachment"),
    path("items/<int:pk>/interest/", catalogue_interests.send, name="express_interest"),
    path("<slug:kind_slug>/", catalogue.browse, name="browse"),
    path("<slug:kind_slug>/new/", catalogue.create, name="create"),
]
