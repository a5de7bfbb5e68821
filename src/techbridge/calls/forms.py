"""Forms of the calls domain: call settings and their parts, applications, reviews,
decisions and message templates. They validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from techbridge.accounts.enums import Country
from techbridge.calls.enums import Bid, DecisionOutcome
from techbridge.calls.models import (
    Call,
    CallQuestion,
    Criterion,
    FieldQuota,
    MessageTemplate,
    RequiredAttachment,
    ReviewPhase,
)
from techbridge.calls.services.outbox import template_problems
from techbridge.catalogue.forms import TechnologyFieldChoice
from techbridge.catalogue.models import TechnologyField, TechnologyOffer
from techbridge.i18n_text import pick_text


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; values are read in the reader's time zone."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventChoice(forms.ModelChoiceField):
    def label_from_instance(self, event: Any) -> str:
        return pick_text(event.titles).text


def _events() -> Any:
    """Events a call can belong to, latest first. The model is taken from the call's
    foreign key: the events app stands above calls in the layers, so calls does not
    import it."""
    return Call._meta.get_field("event").related_model.objects.order_by("-starts_at")


class CallForm(forms.ModelForm):
    event = EventChoice(
        label=_("Event"),
        queryset=_events(),
        required=False,
        empty_label=_("No event: a standalone call"),
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Countries of the applicant organisation"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: organisations of every country may apply."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the organisers"), choices=settings.TIME_ZONE_CHOICES
    )

    class Meta:
        model = Call
        fields = [
            "event",
            "titles",
            "themes",
            "industry_focus",
            "region_focus",
            "opens_at",
            "closes_at",
            "time_zone",
            "minimum_readiness_level",
            "eligible_countries",
            "projects_to_select",
            "reserve_size",
            "reviews_per_project",
            "expert_minimum_load",
            "expert_maximum_load",
            "revision_days",
        ]
        widgets = {"opens_at": DateTimeInput(), "closes_at": DateTimeInput()}
        help_texts = {
            "opens_at": _("In your own time zone."),
            "closes_at": _("In your own time zone; applicants see it in theirs."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        low, high = cleaned.get("expert_minimum_load"), cleaned.get("expert_maximum_load")
        if low is not None and high is not None and low > high:
            self.add_error("expert_minimum_load", _("The least number exceeds the most."))
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "key",
            "names",
            "descriptions",
            "scale_guides",
            "weight",
            "scale_minimum",
            "scale_maximum",
            "position",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("scale_minimum"), cleaned.get("scale_maximum")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_maximum", _("The highest score must exceed the lowest."))
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = CallQuestion
        fields = ["texts", "required_answer", "position"]
        widgets = {"required_answer": forms.NullBooleanSelect()}


class RequiredAttachmentForm(forms.ModelForm):
    class Meta:
        model = RequiredAttachment
        fields = ["labels", "position"]


class QuotaForm(forms.ModelForm):
    field = TechnologyFieldChoice(
        label=_("Technology field"), queryset=TechnologyField.objects.filter(is_active=True)
    )

    class Meta:
        model = FieldQuota
        fields = ["field", "maximum"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].widget = forms.Select(choices=self.fields["field"].choices)


class PhaseForm(forms.ModelForm):
    class Meta:
        model = ReviewPhase
        fields = [
            "names",
            "starts_at",
            "ends_at",
            "reviewers_may_bid",
            "reviewers_may_review",
            "is_blind",
            "applicants_see_feedback",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The phase must end after it starts."))
        return cleaned


def part_formset(form_class: type[forms.ModelForm]) -> type[forms.BaseModelFormSet]:
    return modelformset_factory(form_class.Meta.model, form=form_class, extra=1, can_delete=True)


#: The parts of a call edited on their own pages: (form, page title).
CALL_PARTS: dict[str, tuple[type[forms.ModelForm], Any]] = {
    "rubric": (CriterionForm, _("Rubric")),
    "questions": (QuestionForm, _("Questions to applicants")),
    "documents": (RequiredAttachmentForm, _("Required documents")),
    "quotas": (QuotaForm, _("Quotas per technology field")),
    "phases": (PhaseForm, _("Review phases")),
}


class OfferChoice(forms.ModelChoiceField):
    def label_from_instance(self, offer: TechnologyOffer) -> str:
        return pick_text(offer.titles).text


class StartApplicationForm(forms.Form):
    offer = OfferChoice(
        label=_("Your technology offer"),
        queryset=TechnologyOffer.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers


YES_NO = [("yes", pgettext_lazy("answer", "Yes")), ("no", pgettext_lazy("answer", "No"))]


class AnswersForm(forms.Form):
    """One yes/no choice per question of the call."""

    def __init__(
        self, *args: Any, questions: list[CallQuestion], answers: dict[str, bool], **kwargs: Any
    ) -> None:
        initial = {
            f"question_{pk}": "yes" if value else "no"
            for pk, value in answers.items()
            if isinstance(value, bool)
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.ChoiceField(
                label=pick_text(question.texts).text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[int, bool]:
        return {
            question.pk: self.cleaned_data[f"question_{question.pk}"] == "yes"
            for question in self.questions
            if self.cleaned_data.get(f"question_{question.pk}")
        }


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class BidForm(forms.Form):
    bid = forms.ChoiceField(
        label=_("Your bid"), choices=[("", _("No bid")), *Bid.choices], required=False
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=[("", "—"), *DecisionOutcome.choices])
    requests = forms.CharField(
        label=_("What to revise"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": _("What to revise (for a revision)")}
        ),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean_subject(self) -> str:
        problems = template_problems(self.cleaned_data["subject"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["subject"]

    def clean_body(self) -> str:
        problems = template_problems(self.cleaned_data["body"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["body"]


class ReviewForm(forms.Form):
    """Per criterion: a score on its scale, a comment, and "abstain" (the comment then
    says why); then feedback for the applicant and a note for the organisers."""

    feedback = forms.CharField(
        label=_("Feedback to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the applicant without your name when the phase allows."),
    )
    private_note = forms.CharField(
        label=_("Note to the organisers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never shown to the applicant."),
    )

    def __init__(
        self, *args: Any, criteria: list[Criterion], scores: dict[str, Any], **kwargs: Any
    ) -> None:
        initial = kwargs.pop("initial", {})
        for key, entry in scores.items():
            initial[f"score_{key}"] = "" if entry.get("score") is None else str(entry["score"])
            initial[f"comment_{key}"] = entry.get("comment", "")
            initial[f"abstain_{key}"] = bool(entry.get("abstain"))
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.key}"] = forms.ChoiceField(
                label=_("Score"),
                choices=[("", "—")] + [(str(value), str(value)) for value in criterion.scale],
                required=False,
            )
            self.fields[f"comment_{criterion.key}"] = forms.CharField(
                label=_("Comment (or why you abstain)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
            )
            self.fields[f"abstain_{criterion.key}"] = forms.BooleanField(
                label=_("Abstain on this criterion"), required=False
            )

    def rows(self) -> list[tuple[Criterion, Any, Any, Any]]:
        """(criterion, score field, comment field, abstain field) for the template."""
        return [
            (
                criterion,
                self[f"score_{criterion.key}"],
                self[f"comment_{criterion.key}"],
                self[f"abstain_{criterion.key}"],
            )
            for criterion in self.criteria
        ]

    def scores(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            criterion.key: {
                "score": data.get(f"score_{criterion.key}") or None,
                "comment": data.get(f"comment_{criterion.key}", ""),
                "abstain": bool(data.get(f"abstain_{criterion.key}")),
            }
            for criterion in self.criteria
        }

    def add_service_errors(self, error: Any) -> None:
        """Place a service's ``ValidationError`` beside the criterion it concerns."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = f"comment_{key}" if f"comment_{key}" in self.fields else None
            for message in messages:
                self.add_error(field if key != "__all__" else None, message)
