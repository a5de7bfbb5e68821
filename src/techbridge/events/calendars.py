"""iCalendar (RFC 5545) exports: an event's programme, and a person's agenda (programme
plus their meetings), with texts in the requested language."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from techbridge.events.models import Event, Meeting, Registration, Session
from techbridge.events.selectors.agenda import meetings_of, other_party
from techbridge.events.selectors.program import sessions_of, speakers_by_role
from techbridge.i18n_text import pick_text

PRODUCT_ID = "-//TechBridge//Events//EN"
UID_DOMAIN = "techbridge.events"
_FEED_SALT = "techbridge.events.agenda-feed"


def agenda_feed_token(registration: Registration) -> str:
    """The secret part of a personal agenda's calendar address: calendar programs
    subscribe to it without signing in, so it must not be guessable."""
    return signing.Signer(salt=_FEED_SALT).signature(str(registration.pk))


def is_agenda_feed_token(registration_pk: int, token: str) -> bool:
    return constant_time_compare(
        token, signing.Signer(salt=_FEED_SALT).signature(str(registration_pk))
    )


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _entry(uid: str, summary: str, starts_at: datetime, ends_at: datetime) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{uid}@{UID_DOMAIN}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", starts_at)
    entry.add("dtend", ends_at)
    entry.add("summary", summary)
    return entry


def _location(event: Event, language: str) -> str:
    parts = [pick_text(event.venues, language).text, pick_text(event.cities, language).text]
    return ", ".join(part for part in parts if part)


def _session_entry(event: Event, session: Session, language: str, url: str) -> CalendarEvent:
    entry = _entry(
        f"session-{session.pk}",
        pick_text(session.titles, language).text,
        session.starts_at,
        session.ends_at,
    )
    lines = [str(session.get_kind_display())]
    roles = speakers_by_role(session)
    for appearance in roles["speaker"]:
        talk = pick_text(appearance.talk_titles, language).text
        lines.append(_speaker_line(appearance.speaker, language) + (f": {talk}" if talk else ""))
    for appearance in roles["moderator"]:
        lines.append(
            _("Moderator: %(name)s") % {"name": _speaker_line(appearance.speaker, language)}
        )
    description = pick_text(session.descriptions, language).text
    if description:
        lines.append(description)
    stream = session.stream_url or event.stream_url
    if stream:
        lines.append(_("Live stream: %(url)s") % {"url": stream})
    entry.add("description", "\n".join(lines))
    room = pick_text(session.rooms, language).text
    location = ", ".join(part for part in (room, _location(event, language)) if part)
    if location:
        entry.add("location", location)
    entry.add("url", url)
    return entry


def _speaker_line(speaker, language: str) -> str:
    parts = [
        pick_text(speaker.academic_titles, language).text,
        pick_text(speaker.names, language).text,
    ]
    affiliation = pick_text(speaker.affiliations, language).text
    line = " ".join(part for part in parts if part)
    return f"{line} ({affiliation})" if affiliation else line


def _meeting_entry(meeting: Meeting, registration: Registration, language: str) -> CalendarEvent:
    requester, recipient = meeting.parties
    if meeting.interpreter_id == registration.pk:
        summary = _("Interpreting: %(first)s and %(second)s") % {
            "first": requester.user,
            "second": recipient.user,
        }
    else:
        partner = other_party(meeting, registration)
        summary = _("Meeting with %(name)s") % {"name": partner.user}
    entry = _entry(f"meeting-{meeting.pk}", summary, meeting.slot.starts_at, meeting.slot.ends_at)
    place = f"{meeting.place.get_kind_display()} {meeting.place.name}"
    lines = [str(meeting.get_status_display()), place]
    if meeting.interpreter is not None and meeting.interpreter_id != registration.pk:
        lines.append(_("Interpreter: %(name)s") % {"name": meeting.interpreter.user})
    if meeting.place.video_url:
        lines.append(meeting.place.video_url)
    entry.add("description", "\n".join(lines))
    entry.add("location", place)
    entry.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    return entry


def event_calendar(event: Event, *, language: str, url: str) -> bytes:
    """The event's sessions (or the event itself when it has none) as an iCalendar file."""
    with translation.override(language):
        calendar = _calendar(pick_text(event.titles, language).text)
        sessions = sessions_of(event)
        for session in sessions:
            calendar.add_component(_session_entry(event, session, language, url))
        if not sessions:
            entry = _entry(
                f"event-{event.pk}",
                pick_text(event.titles, language).text,
                event.starts_at,
                event.ends_at,
            )
            entry.add("description", pick_text(event.summaries, language).text)
            entry.add("location", _location(event, language))
            entry.add("url", url)
            calendar.add_component(entry)
        return calendar.to_ical()


def agenda_calendar(registration: Registration, *, language: str, url: str) -> bytes:
    """A person's agenda for one event: its sessions and their meetings."""
    event = registration.event
    with translation.override(language):
        name = _("%(event)s: my agenda") % {"event": pick_text(event.titles, language).text}
        calendar = _calendar(name)
        for session in sessions_of(event):
            calendar.add_component(_session_entry(event, session, language, url))
        for meeting in meetings_of(registration):
            calendar.add_component(_meeting_entry(meeting, registration, language))
        return calendar.to_ical()


def calendar_file_name(event: Event) -> str:
    """An ASCII file name for downloads."""
    return f"{settings.SITE_NAME.lower()}-event-{event.pk}.ics"
