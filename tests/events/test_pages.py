"""Event pages: the event page and programme in three languages, iCal exports, the
embeddable widget's headers, badges and check-in, the PDF agenda's fonts, statistics,
and who may open what."""

import re
import zlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from techbridge.accounts.enums import Role
from techbridge.events.badges import badge_code
from techbridge.events.calendars import agenda_feed_token
from techbridge.events.enums import (
    MeetingStatus,
    OrganisingRole,
    RegistrationStatus,
    RequestStatus,
    SessionKind,
    SpeakerRole,
)
from techbridge.events.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    OrganisingUnit,
    Registration,
    Session,
    SessionSpeaker,
    Speaker,
)
from techbridge.events.selectors.statistics import event_statistics
from tests.accounts.factories import OrganisationFactory, user_with_role
from tests.events.factories import registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(event):
    OrganisingUnit.objects.create(
        event=event,
        organisation=OrganisationFactory(
            names={"zh": "辽宁省科协", "ru": "Ассоциация Ляонина", "en": "Liaoning Association"}
        ),
        role=OrganisingRole.HOST,
    )
    keynote = Session.objects.create(
        event=event,
        kind=SessionKind.KEYNOTE,
        titles={
            "zh": "主旨报告：寒区材料",
            "ru": "Пленарный доклад: материалы Севера",
            "en": "Keynote: cold-climate materials",
        },
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=30),
    )
    academician = Speaker.objects.create(
        names={"zh": "伊万诺夫", "ru": "Иван Иванов", "en": "Ivan Ivanov"},
        academic_titles={"zh": "院士", "ru": "академик РАН", "en": "Academician"},
        affiliations={
            "zh": "俄罗斯科学院",
            "ru": "Российская академия наук",
            "en": "Russian Academy of Sciences",
        },
    )
    moderator = Speaker.objects.create(
        names={"zh": "王丽华", "ru": "Ван Лихуа", "en": "Wang Lihua"}
    )
    SessionSpeaker.objects.create(session=keynote, speaker=academician)
    SessionSpeaker.objects.create(session=keynote, speaker=moderator, role=SpeakerRole.MODERATOR)
    return keynote


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("zh-hans", ["主旨报告：寒区材料", "院士", "伊万诺夫", "主持", "辽宁省科协"]),
        ("ru", ["Пленарный доклад: материалы Севера", "академик РАН", "Иван Иванов"]),
        ("en", ["Keynote: cold-climate materials", "Academician", "Moderator:", "Wang Lihua"]),
    ],
)
def test_programme_in_the_readers_language(client, event, programme, language, texts):
    agenda = client.get(f"/{language}/events/{event.pk}/programme/").content.decode()
    page = client.get(f"/{language}/events/{event.pk}/").content.decode()
    for text in texts[:3]:
        assert text in agenda
    if language == "en":
        assert "Moderator:" in agenda
        assert "Liaoning Association" in page and "Host" in page


def test_unpublished_event_is_hidden_from_the_public(client, event, organiser):
    event.is_published = False
    event.save()
    assert client.get(f"/en/events/{event.pk}/").status_code == 403
    client.force_login(organiser)
    assert client.get(f"/en/events/{event.pk}/").status_code == 200


def test_event_calendar_lists_sessions_in_the_url_language(client, event, programme):
    response = client.get(f"/ru/events/{event.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Пленарный доклад: материалы Севера"]
    assert entries[0].decoded("DTSTART") == programme.starts_at
    assert str(entries[0]["UID"]) == f"session-{programme.pk}@techbridge.events"
    assert "академик РАН Иван Иванов (Российская академия наук)" in str(entries[0]["DESCRIPTION"])


def _scheduled_meeting(event, day):
    slots, places = day
    holder = registration(event, languages=["ru"], full_name="Алексей Смирнов")
    investor = registration(
        event, languages=["zh"], country="CN", role=Role.TECHNOLOGY_SEEKER, full_name="陈志强"
    )
    interpreter = registration(
        event, languages=["zh", "ru"], role=Role.INTERPRETER, full_name="Мария Кузнецова"
    )
    request = MeetingRequest.objects.create(
        event=event,
        requester=holder,
        recipient=investor,
        message="…",
        message_language="ru",
        status=RequestStatus.ACCEPTED,
    )
    meeting = Meeting.objects.create(
        event=event, request=request, slot=slots[1], place=places[0], interpreter=interpreter
    )
    return holder, investor, interpreter, meeting


def test_personal_agenda_calendar_has_the_meeting_and_its_interpreter(client, event, day):
    holder, investor, _interpreter, meeting = _scheduled_meeting(event, day)
    url = reverse(
        "events:agenda_calendar",
        kwargs={"pk": event.pk, "registration_pk": holder.pk, "token": agenda_feed_token(holder)},
    )
    calendar = Calendar.from_ical(client.get(url).content)
    meeting_entry = next(
        entry for entry in calendar.walk("VEVENT") if str(entry["UID"]).startswith("meeting-")
    )
    assert str(meeting_entry["SUMMARY"]) == "Meeting with 陈志强"
    assert str(meeting_entry["LOCATION"]) == "Table T01"
    assert "Мария Кузнецова" in str(meeting_entry["DESCRIPTION"])
    assert meeting_entry.decoded("DTSTART") == meeting.slot.starts_at
    forged = url.replace(agenda_feed_token(holder), agenda_feed_token(investor))
    assert client.get(forged).status_code == 404


def test_widget_may_be_framed_by_any_site_and_other_pages_may_not(client, event, programme):
    widget = client.get(f"/en/events/{event.pk}/widget/")
    assert widget.status_code == 200
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "script-src 'self'" in widget["Content-Security-Policy"]
    assert "X-Frame-Options" not in widget
    assert "site-header" not in widget.content.decode()
    page = client.get(f"/en/events/{event.pk}/")
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_widget_shows_times_in_the_events_time_zone(client, event, programme):
    content = client.get(f"/en/events/{event.pk}/widget/").content.decode()
    assert "Times in the event's time zone: China (Beijing time)" in content
    local = timezone.localtime(programme.starts_at, ZoneInfo("Asia/Shanghai"))
    assert f'datetime="{local.isoformat()}"' in content


def _pdf_font_names(pdf: bytes) -> set[bytes]:
    """Every embedded font's name, from the PDF's (compressed) object streams."""
    texts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            texts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # font programs and images are not text
    return {name for text in texts for name in re.findall(rb"/BaseFont\s*/([\w+-]+)", text)}


def test_pdf_agenda_embeds_the_chinese_font(client, event, day):
    holder, _investor, _interpreter, _meeting = _scheduled_meeting(event, day)
    client.force_login(holder.user)
    response = client.get(f"/zh-hans/events/{event.pk}/my-agenda.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # Every text, Chinese, Russian and Latin alike, is set in Noto Sans CJK SC.
    assert {name.split(b"+")[-1] for name in _pdf_font_names(response.content)} == {
        b"Noto-Sans-CJK-SC",
        b"Noto-Sans-CJK-SC-Bold",
    }


def test_badge_carries_a_qr_code_of_its_check_in_address(client, event):
    holder = registration(event)
    client.force_login(holder.user)
    content = client.get(f"/en/events/{event.pk}/badge/").content.decode()
    assert badge_code(holder) in content
    assert "<svg" in content and 'id="qr-path"' in content
    other = registration(event)
    assert client.get(f"/en/events/{event.pk}/badges/{other.pk}/").status_code == 403


def test_check_in_page_for_staff_only_and_changes_nothing_otherwise(client, event, organiser):
    holder = registration(event)
    url = f"/en/events/{event.pk}/check-in/"
    assert client.post(url, {"code": badge_code(holder)}).status_code == 302  # to sign in
    client.force_login(holder.user)
    assert client.post(url, {"code": badge_code(holder)}).status_code == 403
    holder.refresh_from_db()
    assert holder.checked_in_at is None

    client.force_login(organiser)
    page = client.get(f"{url}?code={badge_code(holder)}")
    assert page["Permissions-Policy"].startswith("camera=(self)")
    assert f'value="{badge_code(holder)}"' in page.content.decode()
    answer = client.post(url, {"code": badge_code(holder)}, HTTP_HX_REQUEST="true")
    assert "Checked in" in answer.content.decode()
    assert holder.user.full_name in answer.content.decode()
    holder.refresh_from_db()
    assert holder.checked_in_at is not None
    bad = client.post(url, {"code": "12-AAAAAAAA"}, HTTP_HX_REQUEST="true")
    assert "This is not a badge of this event." in bad.content.decode()


def test_approving_a_registration_needs_an_organiser(client, event, organiser):
    pending = registration(event, status=RegistrationStatus.PENDING)
    url = f"/en/events/{event.pk}/manage/registrations/{pending.pk}/status/"
    assert client.post(url, {"status": "approved"}).status_code == 302
    client.force_login(user_with_role(Role.TECHNOLOGY_SEEKER))
    assert client.post(url, {"status": "approved"}).status_code == 403
    assert client.get(f"/en/events/{event.pk}/manage/registrations/").status_code == 403
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING

    client.force_login(organiser)
    row = client.post(url, {"status": "approved"}, HTTP_HX_REQUEST="true")
    assert 'id="registration-' in row.content.decode()
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.APPROVED


def test_participant_list_needs_an_approved_registration(client, event):
    url = f"/en/events/{event.pk}/participants/"
    assert client.get(url).status_code == 302
    pending = registration(event, status=RegistrationStatus.PENDING)
    client.force_login(pending.user)
    assert client.get(url).status_code == 403
    approved = registration(event)
    client.force_login(approved.user)
    assert client.get(url).status_code == 200


def test_participant_list_queries_do_not_grow_with_participants(client, event):
    viewer = registration(event)
    client.force_login(viewer.user)
    registration(event, country="CN")
    client.get(f"/en/events/{event.pk}/participants/")  # warm up sessions and caches
    with CaptureQueriesContext(connection) as one:
        client.get(f"/en/events/{event.pk}/participants/")
    registration(event, country="CN")
    registration(event, country="CN")
    with CaptureQueriesContext(connection) as three:
        client.get(f"/en/events/{event.pk}/participants/")
    assert len(three) == len(one)


def test_statistics_count_sides_types_requests_meetings_and_outcomes(client, event, day, organiser):
    holder, _investor, _interpreter, meeting = _scheduled_meeting(event, day)
    registration(event, country="CN", participant_type="park")
    registration(event, country="CN", participant_type="park", status=RegistrationStatus.PENDING)
    registration(event, status=RegistrationStatus.DECLINED)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    MeetingOutcome.objects.create(
        meeting=meeting, registration=holder, interest="high", next_step="nda"
    )

    statistics = event_statistics(event)

    assert statistics.by_side_and_type == {"RU": {"holder": 1}, "CN": {"holder": 1, "park": 2}}
    assert (statistics.registrations, statistics.approved, statistics.interpreters) == (4, 3, 1)
    assert statistics.requests_by_status == {"accepted": 1}
    assert statistics.meetings_held == 1
    assert statistics.outcomes_by_interest == {"high": 1}
    assert statistics.outcomes_by_next_step == {"nda": 1}
    chart = statistics.chart_data()
    assert [side["name"] for side in chart["sides"]] == ["China", "Russia"]
    assert chart["sides"][0]["values"][:3] == [1, 0, 2]

    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert 'id="event-statistics"' in page
    assert 'data-figure="held">1<' in page
    client.force_login(holder.user)
    assert 'id="event-statistics"' not in client.get(f"/en/events/{event.pk}/").content.decode()


def test_registration_form_keeps_what_was_typed_and_shows_errors(client, event, day):
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    client.force_login(holder)
    response = client.post(
        f"/en/events/{event.pk}/register/",
        {"participant_type": "", "attendance": "on_site", "languages": ["ru"]},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Say what you take part as." in content
    assert "Choose at least one slot in which you can meet." in content
    assert re.search(r'value="ru"[^>]*checked', content)
    assert Registration.objects.count() == 0
