"""The copper roadshow end to end in headless Chromium: the call is published, three
Russian holders apply, the organiser confirms eligibility and runs the automatic
assignment, two experts score blind, the calibrated ranking proposes the best projects,
the decisions are applied and their messages wait in the outbox in Russian and Chinese."""

import re

import pytest
from playwright.sync_api import expect

from techbridge.accounts.enums import Role
from techbridge.calls.enums import OutboxStatus, SubmissionStatus
from techbridge.calls.models import OutboxMessage, Review, Submission
from techbridge.calls.services.experts import assign_manually
from techbridge.calls.services.submissions import change_submission_status, start_application
from tests.accounts.factories import PASSWORD, OrganisationFactory, user_with_role
from tests.browser.conftest import ARTIFACTS
from tests.calls.factories import CallFactory, add_phase, add_rubric, application, expert_in_pool
from tests.catalogue.factories import OfferFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCORES = {"innovation": "5", "maturity": "4"}


def _open_as(browser, live_server, email, errors):
    """A signed-in page of its own for one person (the sign-in follows their language)."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        timezone_id="Europe/Moscow",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/en/accounts/sign-in/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    return page


def _people_and_call():
    organiser = user_with_role(Role.ORGANISER, preferred_language="zh-hans")
    holders = []
    for language, name in (("ru", "Смирнов"), ("ru", "Кузнецова"), ("zh-hans", "Орлов")):
        holder = user_with_role(
            Role.TECHNOLOGY_HOLDER,
            preferred_language=language,
            full_name=name,
            time_zone="Europe/Moscow",
        )
        organisation = holder.memberships.get().organisation
        organisation.names = {"ru": f"ООО «{name} и партнёры»", "en": f"{name} and partners"}
        organisation.save()
        OfferFactory(owner=holder, organisation=organisation)
        holders.append(holder)
    call = CallFactory(is_published=False, projects_to_select=2, reserve_size=1)
    for criterion in add_rubric(call)[2:]:
        criterion.delete()  # two criteria keep the test short
    add_phase(call)
    experts = [
        expert_in_pool(call, preferred_language="zh-hans", full_name="王建国"),
        expert_in_pool(call, preferred_language="ru", full_name="Соколов"),
    ]
    OrganisationFactory()  # an unrelated organisation, to be sure names come from the data
    return organiser, holders, call, experts


def test_copper_roadshow_from_call_to_outbox(browser, live_server):
    errors: list[str] = []
    organiser, holders, call, experts = _people_and_call()

    # The organiser publishes the call.
    office = _open_as(browser, live_server, organiser.email, errors)
    office.goto(f"/zh-hans/calls/{call.pk}/")
    office.locator(f"form[action='/zh-hans/calls/{call.pk}/publish/'] button").click()
    expect(office.locator("form[action$='/publish/']")).to_have_count(0)

    # Three Russian holders apply with their offers.
    for holder in holders:
        page = _open_as(browser, live_server, holder.email, errors)
        language = "zh-hans" if holder.preferred_language == "zh-hans" else "ru"
        page.goto(f"/{language}/calls/{call.pk}/")
        page.locator(f"a[href='/{language}/calls/{call.pk}/apply/']").click()
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/{language}/calls/applications/\d+/$"))
        page.locator("form[action$='/status/'] input[value=submitted] + button").click()
        expect(page.locator(".status--eligible")).to_be_visible()
        page.context.close()
    assert list(Submission.objects.values_list("status", flat=True)) == ["eligible"] * 3

    # The organiser confirms the automatic eligibility checks.
    office.goto(f"/zh-hans/calls/{call.pk}/applications/")
    for _ in range(3):
        office.locator("form[action$='/confirm/'] button").first.click()
    expect(office.locator("form[action$='/confirm/']")).to_have_count(0)

    # Automatic assignment: the run finishes, its result is shown, then applied.
    office.goto(f"/zh-hans/calls/{call.pk}/assignment/")
    office.locator(f"form[action='/zh-hans/calls/{call.pk}/assignment/run/'] button").click()
    expect(office.locator("#assignment-run.run--finished")).to_be_visible()
    office.locator("form[action$='/apply/'] button").click()
    expect(office.locator("table.table tbody tr")).to_have_count(6)
    assert set(Submission.objects.values_list("status", flat=True)) == {"under_review"}

    # Two experts score every project, blind.
    for expert in experts:
        page = _open_as(browser, live_server, expert.user.email, errors)
        language = "zh-hans" if expert.user.preferred_language == "zh-hans" else "ru"
        page.goto(f"/{language}/calls/{call.pk}/reviews/")
        links = page.locator("a[href*='/calls/reviews/']")
        expect(links).to_have_count(3)
        for index in range(3):
            page.goto(f"/{language}/calls/{call.pk}/reviews/")
            page.locator("a[href*='/calls/reviews/']").nth(index).click()
            for holder in holders:
                expect(page.locator("main")).not_to_contain_text(holder.full_name)
            for key, score in SCORES.items():
                page.select_option(f"select[name=score_{key}]", score)
                page.fill(f"textarea[name=comment_{key}]", "Сильный проект, есть данные испытаний")
            if index == 0:  # the draft autosaves while the expert types
                expect(page.locator("[data-autosave-state=saved]")).to_be_visible(timeout=20_000)
            page.locator("button[name=then][value=submit]").click()
            expect(page).to_have_url(re.compile(rf"/{language}/calls/{call.pk}/reviews/$"))
        page.context.close()
    assert set(Submission.objects.values_list("status", flat=True)) == {"scored"}

    # Calibrated ranking, optimal proposal, decisions applied in bulk.
    office.goto(f"/zh-hans/calls/{call.pk}/ranking/")
    expect(office.locator("table.ranking tbody tr")).to_have_count(3)
    office.locator("form[action$='/ranking/propose/'] button").click()
    expect(office.locator(".decision--selected")).to_have_count(2)
    expect(office.locator(".decision--reserve")).to_have_count(1)
    office.locator("form[action$='/ranking/apply/'] button").click()
    expect(office).to_have_url(re.compile(rf"/zh-hans/calls/{call.pk}/outbox/$"))

    # The outbox holds one message per applicant, in Russian and in Chinese.
    expect(office.locator(".outbox-message--held")).to_have_count(3)
    expect(office.locator(".outbox-message--held [lang=ru]")).to_have_count(2)
    expect(office.locator(".outbox-message--held [lang=zh-Hans]")).to_have_count(1)
    statuses = sorted(Submission.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [SubmissionStatus.SELECTED, SubmissionStatus.SELECTED, SubmissionStatus.RESERVE]
    )
    messages = {
        message.recipient.preferred_language: message.subject
        for message in OutboxMessage.objects.select_related("recipient")
    }
    assert "Ваш проект" in messages["ru"]
    assert "您的项目" in messages["zh-hans"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.HELD}
    office.context.close()
    assert errors == []


def test_review_input_survives_a_lost_connection(browser, live_server):
    """Typed input that never reached the server comes back after a reload."""
    errors: list[str] = []
    call = CallFactory()
    add_rubric(call)
    add_phase(call)
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    offer = OfferFactory(owner=holder, organisation=holder.memberships.get().organisation)
    expert = expert_in_pool(call)
    organiser = user_with_role(Role.ORGANISER)
    submission = start_application(call=call, applicant=holder, offer=offer)
    change_submission_status(submission=submission, to_status="submitted", actor=holder)
    assignment = assign_manually(submission=submission, member=expert, actor=organiser)

    page = _open_as(browser, live_server, expert.user.email, errors)
    page.route("**/autosave/", lambda route: route.abort())  # the connection drops
    page.goto(f"/en/calls/reviews/{assignment.pk}/")
    page.fill("textarea[name=comment_innovation]", "Written on the train")
    page.select_option("select[name=score_innovation]", "4")
    expect(page.locator(".autosave-status--error")).to_be_visible()
    page.unroute("**/autosave/")
    page.reload()
    expect(page.locator("textarea[name=comment_innovation]")).to_have_value("Written on the train")
    expect(page.locator("select[name=score_innovation]")).to_have_value("4")
    # The restored input is sent to the server as soon as it is back.
    expect(page.locator("[data-autosave-state=saved]")).to_be_visible(timeout=20_000)
    review = Review.objects.get(assignment=assignment)
    assert review.scores["innovation"]["comment"] == "Written on the train"
    page.context.close()
    # The aborted requests are logged (by the browser and by htmx); nothing else failed.
    assert [error for error in errors if not error.startswith(("htmx:", "Failed to load"))] == []


def test_an_infeasible_assignment_is_explained_in_the_organisers_language(browser, live_server):
    errors: list[str] = []
    organiser = user_with_role(Role.ORGANISER, preferred_language="zh-hans")
    call = CallFactory(reviews_per_project=3)
    add_rubric(call)
    add_phase(call)
    submission = application(call)
    for name in ("王建国", "Соколов"):
        expert_in_pool(call, full_name=name)
    office = _open_as(browser, live_server, organiser.email, errors)
    expected = {
        "zh-hans": f"{submission.code}：无利益冲突的专家 2 位（需要 3 位）。",
        "ru": f"{submission.code}: экспертов без конфликта интересов: 2 (нужно 3).",
    }
    for language, sentence in expected.items():
        office.goto(f"/{language}/calls/{call.pk}/assignment/")
        if language == "zh-hans":
            office.locator(
                f"form[action='/{language}/calls/{call.pk}/assignment/run/'] button"
            ).click()
        run = office.locator("#assignment-run.run--finished")
        expect(run).to_be_visible()
        expect(run.locator(".explanations li").first).to_have_text(sentence)
        expect(run.locator(".explanations li[lang=en]")).to_have_count(0)
        office.screenshot(path=str(ARTIFACTS / f"calls-assignment-infeasible-{language}.png"))
    office.context.close()
    assert errors == []
