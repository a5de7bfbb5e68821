"""The scheduler's reasons and conflicts, told in the reader's language.

The core explains itself in English with identifiers (stable ``code`` plus a sentence);
``techbridge.events.scheduling`` turns the identifiers into registrations and slots, and
this module says the same thing in a translated sentence with people's names.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from techbridge.events.models import MeetingRequest, Registration
from techbridge.i18n_text import CONTENT_LANGUAGE_NAMES


def language_names(languages: Iterable[str]) -> str:
    """``Chinese/English``: a registration's languages, in the reader's language."""
    return "/".join(str(CONTENT_LANGUAGE_NAMES.get(code, code)) for code in languages) or "—"


def language_pair(request: MeetingRequest) -> str:
    return _("%(first)s and %(second)s") % {
        "first": language_names(request.requester.languages),
        "second": language_names(request.recipient.languages),
    }


def _names(registrations: Iterable[Registration]) -> str:
    return ", ".join(str(registration.user) for registration in registrations)


def unscheduled_reason(request: MeetingRequest) -> str:
    """Why the scheduler left ``request`` out, from its stored code and details."""
    code = request.unscheduled_code
    if not code:
        return ""
    first, second = str(request.requester.user), str(request.recipient.user)
    mentioned = [
        registration
        for registration in (request.requester, request.recipient)
        if registration.pk in request.unscheduled_details.get("registrations", [])
    ]
    places = request.unscheduled_details.get("places", "tables")
    reasons = {
        "no_common_slot": _(
            "%(first)s and %(second)s have no free meeting slot in common (or every common "
            "slot already holds a confirmed meeting of one of them)."
        )
        % {"first": first, "second": second},
        "no_interpreter_for_languages": _(
            "The parties share no language and no interpreter of the event speaks %(languages)s."
        )
        % {"languages": language_pair(request)},
        "no_interpreter_free": _(
            "No interpreter for %(languages)s is free in any slot in which both parties are free."
        )
        % {"languages": language_pair(request)},
        "max_meetings_reached": _("%(names)s already has the most meetings allowed.")
        % {"names": _names(mentioned) or first},
        "places_full": (
            _("Every video room is taken in every slot in which both parties are free.")
            if places == "video rooms"
            else _("Every table is taken in every slot in which both parties are free.")
        ),
        "interpreters_busy": _(
            "Every interpreter for %(languages)s is busy in every slot in which both parties "
            "are free."
        )
        % {"languages": language_pair(request)},
        "lower_priority": _(
            "Requests with a higher priority took every slot in which both parties are free."
        ),
    }
    return reasons.get(code, _("Not placed by the last run of the scheduler."))


def conflict_message(code: str, registrations: list[Registration]) -> str:
    """One conflict of a manual move, naming the people it concerns."""
    names = _names(registrations)
    messages = {
        "unknown_slot": _("This slot is a break or does not belong to the meeting day."),
        "party_unavailable": _("%(names)s is not free in this slot.") % {"names": names},
        "unknown_place": _("This place does not belong to the event."),
        "table_for_remote_party": _(
            "%(names)s takes part remotely: the meeting needs a video room, not a table."
        )
        % {"names": names},
        "video_room_for_on_site_meeting": _(
            "Both parties are on site: the meeting needs a table, not a video room."
        ),
        "interpreter_missing": _("The parties share no language and no interpreter is assigned."),
        "unknown_interpreter": _("This interpreter is not approved for the event."),
        "interpreter_unavailable": _("The interpreter %(names)s is not free in this slot.")
        % {"names": names},
        "interpreter_languages": _(
            "The interpreter %(names)s does not speak a language of each party."
        )
        % {"names": names},
        "party_double_booked": _("%(names)s already has another meeting in this slot.")
        % {"names": names},
        "place_double_booked": _("This place is already taken in this slot."),
        "interpreter_double_booked": _(
            "The interpreter %(names)s already works in another meeting in this slot."
        )
        % {"names": names},
        "max_meetings_exceeded": _("%(names)s would have more meetings than allowed.")
        % {"names": names},
    }
    return messages.get(code, _("This move breaks a scheduling rule."))
