"""End to end in headless Chromium: a Russian technology holder and a Chinese investor who
share no language register for a Shenyang-style roadshow, ask for and accept a meeting;
the organiser approves them and runs the scheduler; both find the meeting with its
interpreter in their agendas, in their own language; the outcome form records the next
step and starts the follow-up of a deal."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from techbridge.accounts.enums import OrganisationType, Role
from techbridge.deals.models import Deal
from techbridge.events.enums import EventFormat, EventKind, MeetingStatus
from techbridge.events.models import Event, Meeting, MeetingPlace, MeetingSlot
from tests.accounts.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.browser.conftest import sign_in
from tests.events.factories import registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _person(role, language, organisation, full_name):
    user = UserFactory(
        full_name=full_name,
        preferred_language=language,
        time_zone="Asia/Shanghai",
    )
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def _roadshow():
    now = timezone.now().replace(second=0, microsecond=0)
    event = Event.objects.create(
        titles={
            "zh": "俄罗斯高新技术路演（沈阳）",
            "ru": "Питч-сессия российских высоких технологий (Шэньян)",
            "en": "Russian high technology roadshow (Shenyang)",
        },
        kind=EventKind.ROADSHOW,
        event_format=EventFormat.HYBRID,
        cities={"zh": "辽宁沈阳", "ru": "Шэньян", "en": "Shenyang"},
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=6),
        is_published=True,
    )
    # The first slot began ten minutes ago, so that the outcome form opens at once.
    for number in range(2):
        MeetingSlot.objects.create(
            event=event,
            starts_at=now - timedelta(minutes=10) + timedelta(minutes=30 * number),
            ends_at=now + timedelta(minutes=10) + timedelta(minutes=30 * number),
        )
    for name in ("T01", "T02"):
        MeetingPlace.objects.create(event=event, kind="table", name=name)
    return event


def _register(page, event, *, participant_type, language_code, interface):
    page.goto(f"/{interface}/events/{event.pk}/register/")
    page.select_option("select[name=participant_type]", participant_type)
    page.check(f"input[name=languages][value={language_code}]")
    # Free only in the first slot (the second one is unticked).
    page.locator("input[name=available_slots]").nth(1).uncheck()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{interface}/events/{event.pk}/$"))


def test_holder_and_investor_meet_with_an_interpreter_and_record_the_next_step(page):
    event = _roadshow()
    organiser = _person(Role.ORGANISER, "zh-hans", OrganisationFactory(country="CN"), "王丽华")
    institute = OrganisationFactory(
        names={
            "ru": "Сибирский институт мерзлотоведения",
            "zh": "西伯利亚冻土研究所",
            "en": "Siberian Permafrost Institute",
        },
        country="RU",
        organisation_type=OrganisationType.RESEARCH_INSTITUTE,
    )
    fund = OrganisationFactory(
        names={
            "zh": "沈阳北方科技创投基金",
            "ru": "Шэньянский венчурный фонд «Север»",
            "en": "Shenyang Northern Venture Fund",
        },
        country="CN",
        organisation_type=OrganisationType.INVESTOR,
    )
    holder = _person(Role.TECHNOLOGY_HOLDER, "ru", institute, "Алексей Смирнов")
    investor = _person(Role.TECHNOLOGY_SEEKER, "zh-hans", fund, "陈志强")
    interpreter = registration(
        event,
        role=Role.INTERPRETER,
        languages=["zh", "ru"],
        full_name="Мария Кузнецова",
    )

    sign_in(page, holder.email, PASSWORD, language="ru")
    _register(page, event, participant_type="holder", language_code="ru", interface="ru")
    page.context.clear_cookies()
    sign_in(page, investor.email, PASSWORD, language="zh-hans")
    _register(page, event, participant_type="investor", language_code="zh", interface="zh-hans")

    page.context.clear_cookies()
    sign_in(page, organiser.email, PASSWORD, language="zh-hans")
    page.goto(f"/zh-hans/events/{event.pk}/manage/registrations/")
    for person in (holder, investor):
        row = f"#registration-{person.event_registrations.get().pk}"
        page.locator(f"{row} button[value=approved]").click()
        expect(page.locator(f"{row} .badge--verified")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, holder.email, PASSWORD, language="ru")
    page.goto(f"/ru/events/{event.pk}/participants/")
    investor_row = page.locator(".participant", has_text="陈志强")
    expect(investor_row).to_contain_text("Шэньянский венчурный фонд «Север»")
    investor_row.locator("a.button").click()
    page.fill("textarea[name=message]", "Предлагаем обсудить прогноз деградации мерзлоты.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/ru/events/{event.pk}/requests/$"))

    page.context.clear_cookies()
    sign_in(page, investor.email, PASSWORD, language="zh-hans")
    page.goto(f"/zh-hans/events/{event.pk}/requests/")
    page.locator(".request", has_text="Алексей Смирнов").locator("button[value=accepted]").click()
    expect(
        page.locator(".request", has_text="Алексей Смирнов").locator(".badge--verified")
    ).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, organiser.email, PASSWORD, language="zh-hans")
    page.goto(f"/zh-hans/events/{event.pk}/manage/scheduling/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#scheduling-run")).to_have_attribute("data-run-status", "finished")
    meeting = Meeting.objects.get(event=event)
    assert (meeting.status, meeting.interpreter_id) == (MeetingStatus.PROPOSED, interpreter.pk)

    for person, interface, partner, partner_organisation in (
        (investor, "zh-hans", "Алексей Смирнов", "西伯利亚冻土研究所"),
        (holder, "ru", "陈志强", "Шэньянский венчурный фонд «Север»"),
    ):
        page.context.clear_cookies()
        sign_in(page, person.email, PASSWORD, language=interface)
        page.goto(f"/{interface}/events/{event.pk}/my-agenda/")
        expect(page.locator("html")).to_have_attribute(
            "lang", "zh-Hans" if interface == "zh-hans" else "ru"
        )
        entry = page.locator(f'[data-meeting="{meeting.pk}"]')
        expect(entry).to_contain_text(partner)
        expect(entry).to_contain_text(partner_organisation)
        expect(entry.locator("[data-interpreter]")).to_contain_text("Мария Кузнецова")
        expect(page.locator("h1")).to_have_text(
            event.titles["zh" if interface == "zh-hans" else "ru"]
        )

    # The holder (signed in last) says how it went.
    page.locator(f'[data-meeting="{meeting.pk}"] a.button').click()
    page.check("input[name=interest][value=high]")
    page.select_option("select[name=next_step]", "nda")
    page.fill("textarea[name=notes]", "Фонд готов подписать NDA до конца месяца.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/ru/events/{event.pk}/my-agenda/$"))
    expect(page.locator(f'[data-meeting="{meeting.pk}"] a.button')).to_have_count(0)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    deal = Deal.objects.get(meeting=meeting)
    assert (deal.stage, deal.next_step) == ("meeting_held", "nda")
