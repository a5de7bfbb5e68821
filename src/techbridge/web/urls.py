"""Pages of the site, in namespaces of their own (``web``, ``accounts``, ``organisations``)
mounted by ``techbridge.urls``."""

from django.urls import path

from techbridge.web.views import (
    accounts,
    calls,
    calls_applications,
    calls_experts,
    calls_manage,
    calls_reviews,
    calls_selection,
    catalogue,
    catalogue_interests,
    catalogue_moderation,
    deals,
    event_meetings,
    event_organisers,
    event_registration,
    events,
    home,
    matching,
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
    path("items/<int:pk>/extend/", catalogue.extend, name="extend"),
    path("items/<int:pk>/review/", catalogue_moderation.review, name="review"),
    path("items/<int:pk>/attachments/", catalogue.upload_attachment, name="upload_attachment"),
    path("items/<int:pk>/interest/", catalogue_interests.send, name="express_interest"),
    path("<slug:kind_slug>/", catalogue.browse, name="browse"),
    path("<slug:kind_slug>/new/", catalogue.create, name="create"),
]

matching_patterns = [
    path("status/", matching.status, name="status"),
    path("status/retry/", matching.retry, name="retry"),
    path("items/<int:pk>/recommendations/", matching.recommendations_panel, name="recommendations"),
    path("events/<int:pk>/", matching.event_matches, name="event_matches"),
]

event_patterns = [
    path("", events.event_list, name="list"),
    path("<int:pk>/", events.detail, name="detail"),
    path("<int:pk>/programme/", events.agenda, name="public_agenda"),
    path("<int:pk>/calendar.ics", events.calendar, name="calendar"),
    path("<int:pk>/widget/", events.widget, name="widget"),
    path("<int:pk>/register/", event_registration.register, name="register"),
    path("<int:pk>/registration/", event_registration.my_registration, name="registration"),
    path(
        "<int:pk>/registration/cancel/",
        event_registration.cancel_registration,
        name="cancel_registration",
    ),
    path("<int:pk>/badge/", event_registration.badge, name="badge"),
    path("<int:pk>/badges/<int:registration_pk>/", event_registration.badge_of, name="badge_of"),
    path("<int:pk>/check-in/", event_registration.check_in, name="check_in"),
    path("<int:pk>/participants/", event_meetings.participants, name="participants"),
    path("<int:pk>/offers-and-needs/", event_meetings.items, name="items"),
    path(
        "<int:pk>/participants/<int:registration_pk>/request/",
        event_meetings.new_request,
        name="request_meeting",
    ),
    path("<int:pk>/requests/", event_meetings.requests, name="requests"),
    path(
        "<int:pk>/requests/<int:request_pk>/answer/",
        event_meetings.answer_request,
        name="answer_request",
    ),
    path("<int:pk>/my-agenda/", event_meetings.agenda, name="agenda"),
    path("<int:pk>/my-agenda.pdf", event_meetings.agenda_pdf, name="agenda_pdf"),
    path(
        "<int:pk>/agenda/<int:registration_pk>/<str:token>.ics",
        event_meetings.agenda_calendar_feed,
        name="agenda_calendar",
    ),
    path("<int:pk>/meetings/<int:meeting_pk>/outcome/", event_meetings.outcome, name="outcome"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/status/",
        event_organisers.meeting_status,
        name="meeting_status",
    ),
    path(
        "<int:pk>/manage/registrations/",
        event_organisers.registrations,
        name="manage_registrations",
    ),
    path(
        "<int:pk>/manage/registrations/<int:registration_pk>/status/",
        event_organisers.registration_status,
        name="registration_status",
    ),
    path("<int:pk>/manage/meeting-day/", event_organisers.meeting_day, name="meeting_day"),
    path("<int:pk>/manage/scheduling/", event_organisers.scheduling, name="scheduling"),
    path(
        "<int:pk>/manage/scheduling/<int:run_pk>/",
        event_organisers.scheduling_progress,
        name="scheduling_progress",
    ),
    path("<int:pk>/manage/meetings/", event_organisers.meetings, name="meetings"),
    path(
        "<int:pk>/manage/meetings/confirm/",
        event_organisers.confirm_meetings,
        name="confirm_meetings",
    ),
    path(
        "<int:pk>/manage/meetings/<int:meeting_pk>/move/",
        event_organisers.move_meeting,
        name="move_meeting",
    ),
]

deal_patterns = [
    path("", deals.deal_list, name="list"),
    path("<int:pk>/stage/", deals.change_stage, name="change_stage"),
]

call_patterns = [
    path("", calls.call_list, name="list"),
    path("new/", calls_manage.create, name="create"),
    path("templates/", calls_selection.templates, name="templates"),
    path("templates/<int:template_pk>/", calls_selection.edit_template, name="edit_template"),
    path("applications/", calls_applications.mine, name="my_applications"),
    path("applications/<int:pk>/", calls_applications.detail, name="application"),
    path("applications/<int:pk>/answers/", calls_applications.save_answers, name="save_answers"),
    path(
        "applications/<int:pk>/documents/<int:requirement_pk>/",
        calls_applications.upload_document,
        name="upload_document",
    ),
    path(
        "applications/<int:pk>/status/", calls_applications.change_status, name="application_status"
    ),
    path("documents/<int:pk>/", calls_applications.download_document, name="document"),
    path("reviews/<int:assignment_pk>/", calls_reviews.review, name="review"),
    path("reviews/<int:assignment_pk>/autosave/", calls_reviews.autosave, name="autosave"),
    path("reviews/<int:assignment_pk>/abstain/", calls_reviews.abstain, name="abstain"),
    path("<int:pk>/", calls.detail, name="detail"),
    path("<int:pk>/apply/", calls_applications.start, name="apply"),
    path("<int:pk>/edit/", calls_manage.edit, name="edit"),
    path("<int:pk>/settings/<slug:part>/", calls_manage.edit_parts, name="parts"),
    path("<int:pk>/publish/", calls_manage.publish, name="publish"),
    path("<int:pk>/applications/", calls_manage.submissions, name="submissions"),
    path(
        "<int:pk>/applications/<int:submission_pk>/",
        calls_manage.submission,
        name="submission",
    ),
    path(
        "<int:pk>/applications/<int:submission_pk>/confirm/",
        calls_manage.confirm_eligibility,
        name="confirm_eligibility",
    ),
    path(
        "<int:pk>/applications/<int:submission_pk>/eligibility/",
        calls_manage.override_eligibility,
        name="override_eligibility",
    ),
    path("<int:pk>/experts/", calls_experts.pool, name="pool"),
    path("<int:pk>/experts/add/", calls_experts.add_expert, name="add_expert"),
    path(
        "<int:pk>/experts/<int:member_pk>/remove/",
        calls_experts.remove_expert,
        name="remove_expert",
    ),
    path(
        "<int:pk>/experts/<int:member_pk>/loads/", calls_experts.expert_loads, name="expert_loads"
    ),
    path("<int:pk>/assignment/", calls_experts.assignment, name="assignment"),
    path("<int:pk>/assignment/run/", calls_experts.start_run, name="start_run"),
    path("<int:pk>/assignment/runs/<int:run_pk>/", calls_experts.run_status, name="run_status"),
    path(
        "<int:pk>/assignment/runs/<int:run_pk>/cancel/",
        calls_experts.cancel_run,
        name="cancel_run",
    ),
    path("<int:pk>/assignment/runs/<int:run_pk>/apply/", calls_experts.apply_run, name="apply_run"),
    path("<int:pk>/assignment/manual/", calls_experts.assign_manually, name="assign_manually"),
    path(
        "<int:pk>/assignment/<int:assignment_pk>/lock/",
        calls_experts.lock_assignment,
        name="lock_assignment",
    ),
    path(
        "<int:pk>/assignment/<int:assignment_pk>/remove/",
        calls_experts.remove_assignment,
        name="remove_assignment",
    ),
    path("<int:pk>/reviews/", calls_reviews.my_reviews, name="my_reviews"),
    path("<int:pk>/bids/", calls_reviews.bids, name="bids"),
    path("<int:pk>/bids/<int:submission_pk>/", calls_reviews.place_bid, name="place_bid"),
    path(
        "<int:pk>/bids/<int:submission_pk>/conflict/",
        calls_reviews.declare_conflict,
        name="declare_conflict",
    ),
    path("<int:pk>/ranking/", calls_selection.ranking, name="ranking"),
    path("<int:pk>/ranking/propose/", calls_selection.propose, name="propose"),
    path("<int:pk>/ranking/apply/", calls_selection.apply_decisions, name="apply_decisions"),
    path("<int:pk>/ranking/<int:submission_pk>/decide/", calls_selection.decide, name="decide"),
    path("<int:pk>/outbox/", calls_selection.outbox, name="outbox"),
    path("<int:pk>/outbox/release/", calls_selection.release, name="release"),
    path("<int:pk>/outbox/<int:message_pk>/discard/", calls_selection.discard, name="discard"),
    path("<int:pk>/export/reviews.xlsx", calls_selection.export_reviews, name="export_reviews"),
    path("<int:pk>/export/booklet.pdf", calls_selection.export_booklet, name="export_booklet"),
]
