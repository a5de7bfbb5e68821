"""Forms of the events domain. They validate what people type; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.enums import Country
from techbridge.accounts.models import Organisation
from techbridge.events.enums import (
    Attendance,
    InterestLevel,
    NextStep,
    ParticipantType,
    RegistrationRole,
)
from techbridge.events.models import Event, MeetingPlace, MeetingSlot, Registration
from techbridge.i18n_text import CONTENT_LANGUAGE_NAMES, CONTENT_LANGUAGES, pick_text


def slot_label(slot: MeetingSlot) -> str:
    """``25 March 2027, 10:00–10:20`` in the reader's time zone (``break`` marked)."""
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    label = f"{date_format(start, 'DATE_FORMAT')}, {time_format(start)}–{time_format(end)}"
    return f"{label} ({_('break')})" if slot.is_break else label


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, slot: MeetingSlot) -> str:
        return slot_label(slot)


class _ParticipationFields(forms.Form):
    """What the scheduler needs: attendance, languages, free slots."""

    attendance = forms.ChoiceField(label=_("How you take part"), choices=Attendance.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold a meeting in"),
        choices=[(code, CONTENT_LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
    )
    available_slots = SlotChoiceField(
        label=_("Meeting slots you are free in"),
        queryset=MeetingSlot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Organisers schedule your meetings only in these slots."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        choices = [
            choice
            for choice in Attendance.choices
            if (choice[0] == Attendance.ON_SITE and event.offers_on_site_attendance)
            or (choice[0] == Attendance.REMOTE and event.offers_remote_attendance)
        ]
        self.fields["attendance"].choices = choices
        slots = MeetingSlot.objects.filter(event=event, is_break=False).order_by("starts_at")
        self.fields["available_slots"].queryset = slots
        if not slots.exists():
            del self.fields["available_slots"]
        elif not self.is_bound and "available_slots" not in self.initial:
            self.initial["available_slots"] = list(slots)

    def clean_available_slots(self) -> list[MeetingSlot]:
        slots = list(self.cleaned_data["available_slots"])
        if not slots:
            raise forms.ValidationError(_("Choose at least one slot in which you can meet."))
        return slots


class RegistrationForm(_ParticipationFields):
    role = forms.ChoiceField(label=_("You take part as"), choices=RegistrationRole.choices)
    participant_type = forms.ChoiceField(
        label=_("Participant type"),
        choices=[("", "—"), *ParticipantType.choices],
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", "—"), *Country.choices],
        required=False,
        help_text=_("Only needed when you do not come on behalf of an organisation."),
    )
    field_order = ["role", "participant_type", "organisation", "country", "attendance"]

    def __init__(
        self,
        *args: Any,
        event: Event,
        organisations: list[Organisation],
        may_interpret: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, event=event, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        )
        self.fields["organisation"].label_from_instance = lambda organisation: (
            pick_text(organisation.names).text
        )
        if organisations and not self.is_bound:
            self.initial.setdefault("organisation", organisations[0].pk)
        if not may_interpret:
            del self.fields["role"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        role = cleaned.get("role", RegistrationRole.PARTICIPANT)
        cleaned["role"] = role
        if role == RegistrationRole.PARTICIPANT and not cleaned.get("participant_type"):
            self.add_error("participant_type", _("Say what you take part as."))
        if not cleaned.get("organisation") and not cleaned.get("country"):
            self.add_error("country", _("Say which country you come from."))
        return cleaned


class ParticipationForm(_ParticipationFields):
    """A registered person changes attendance, languages or free slots."""

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        initial = {
            "attendance": registration.attendance,
            "languages": registration.languages,
        }
        chosen = list(registration.available_slots.all())
        if chosen:
            initial["available_slots"] = chosen
        super().__init__(*args, event=registration.event, initial=initial, **kwargs)


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OutcomeForm(forms.Form):
    interest = forms.ChoiceField(
        label=_("Interest after the meeting"),
        choices=InterestLevel.choices,
        widget=forms.RadioSelect,
    )
    next_step = forms.ChoiceField(label=_("Next step"), choices=NextStep.choices)
    next_step_due = forms.DateField(
        label=_("Next step by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    notes = forms.CharField(
        label=_("Notes for the follow-up"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveMeetingForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=MeetingSlot.objects.none())
    place = forms.ModelChoiceField(
        label=_("Table or video room"), queryset=MeetingPlace.objects.none()
    )
    interpreter = forms.ModelChoiceField(
        label=_("Interpreter"),
        queryset=Registration.objects.none(),
        required=False,
        empty_label=_("No interpreter"),
    )
    accept_conflicts = forms.BooleanField(
        label=_("Move it although it creates the conflicts listed"), required=False
    )

    def __init__(self, *args: Any, event: Event, interpreters: list[Registration], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = MeetingSlot.objects.filter(event=event).order_by("starts_at")
        self.fields["slot"].label_from_instance = slot_label
        places = MeetingPlace.objects.filter(event=event).order_by("kind", "position", "pk")
        self.fields["place"].queryset = places
        self.fields["place"].label_from_instance = lambda place: (
            f"{place.get_kind_display()} {place.name}"
        )
        self.fields["interpreter"].queryset = Registration.objects.filter(
            pk__in=[interpreter.pk for interpreter in interpreters]
        ).select_related("user")
        self.fields["interpreter"].label_from_instance = lambda interpreter: str(interpreter.user)


class MeetingDayForm(forms.Form):
    """Organisers cut the meeting day into slots and name its places."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(
        label=_("First meeting at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label=_("Last meeting ends at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=120, initial=20
    )
    break_starts = forms.TimeField(
        label=_("Break from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    break_ends = forms.TimeField(
        label=_("Break until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    tables = forms.IntegerField(label=_("Tables"), min_value=0, max_value=500, initial=10)
    video_rooms = forms.IntegerField(label=_("Video rooms"), min_value=0, max_value=200, initial=2)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The meeting day must end after it starts."))
        break_starts, break_ends = cleaned.get("break_starts"), cleaned.get("break_ends")
        if bool(break_starts) != bool(break_ends):
            self.add_error("break_ends", _("Give both the start and the end of the break."))
        elif break_starts and break_ends and break_ends <= break_starts:
            self.add_error("break_ends", _("The break must end after it starts."))
        return cleaned


class SchedulingForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Seconds the scheduler may search"),
        min_value=2,
        max_value=120,
        initial=20,
        help_text=_(
            "Small events finish in a second; a day of a thousand people needs about a minute."
        ),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )
