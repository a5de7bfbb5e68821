"""Forms of the catalogue: item editing (offers, needs, experts), filters, the organisers'
checklist, expressions of interest, attachments. They validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.enums import Country, OrganisationType
from techbridge.accounts.models import Organisation
from techbridge.catalogue.enums import (
    CheckPoint,
    ContentLanguage,
    CooperationForm,
    ItemKind,
    ReadinessLevel,
)
from techbridge.catalogue.models import (
    ExpertProfile,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.patents import PatentNumberError, normalise_patent_number
from techbridge.catalogue.selectors import SORTS, CatalogueFilters, technology_field_choices
from techbridge.i18n_text import MultilingualTextFormField, pick_text


class TechnologyFieldChoice(forms.ModelMultipleChoiceField):
    """Subfields grouped under their top-level field, in the reader's language."""

    def label_from_instance(self, field: TechnologyField) -> str:
        return pick_text(field.names).text


def _grouped_field_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    return [
        (
            pick_text(root.names).text,
            [(root.pk, pick_text(root.names).text)]
            + [(child.pk, "— " + pick_text(child.names).text) for child in children],
        )
        for root, children in technology_field_choices()
    ]


class ItemForm(forms.ModelForm):
    """What offers, needs and expert profiles share."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    source_language = forms.ChoiceField(
        label=_("Language you write in"), choices=ContentLanguage.choices
    )
    titles = MultilingualTextFormField(
        label=_("Title"),
        max_length=300,
        minimum_languages=1,
        help_text=_("In your language and at least one other before you submit."),
    )
    summaries = MultilingualTextFormField(
        label=_("Summary"),
        max_length=2000,
        multiline=True,
        required=False,
        help_text=_("Two or three sentences a partner abroad reads first."),
    )
    descriptions = MultilingualTextFormField(
        label=_("Description"),
        multiline=True,
        required=False,
        help_text=_("Any language; details, parameters, applications."),
    )
    fields = TechnologyFieldChoice(
        label=_("Technology fields"),
        queryset=TechnologyField.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    target_industries = MultilingualTextFormField(
        label=_("Target industries"), max_length=500, required=False
    )
    target_regions = MultilingualTextFormField(
        label=_("Target regions"), max_length=500, required=False
    )
    keyword_texts = MultilingualTextFormField(
        label=_("Keywords"),
        max_length=300,
        required=False,
        help_text=_("Separate keywords with commas."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})
            kwargs["initial"]["keyword_texts"] = {
                language: ", ".join(words) for language, words in (instance.keywords or {}).items()
            }
            kwargs["initial"]["fields"] = list(instance.fields.values_list("pk", flat=True))
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        )
        self.fields["fields"].choices = _grouped_field_choices()
        if instance is not None and instance.pk:
            # The organisation of an existing item does not change.
            self.fields["organisation"].disabled = True

    def clean_keyword_texts(self) -> dict[str, list[str]]:
        return {
            language: [word.strip() for word in text.replace("，", ",").split(",") if word.strip()]
            for language, text in self.cleaned_data["keyword_texts"].items()
        }

    def values(self) -> dict[str, Any]:
        """The model values to hand to the services (without organisation and fields)."""
        names = [name for name in self.Meta.fields if name not in ("organisation", "fields")]
        values = {name: self.cleaned_data[name] for name in names}
        values["keywords"] = self.cleaned_data["keyword_texts"]
        return values


class CooperationFormsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=CooperationForm.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **kwargs,
        )


class OfferForm(ItemForm):
    cooperation_forms = CooperationFormsField(label=_("Cooperation you seek"))
    advantages = MultilingualTextFormField(
        label=_("Advantage over the incumbent solution"),
        max_length=2000,
        multiline=True,
        required=False,
        help_text=_("What it does better than what the market uses today, with figures."),
    )
    patents = forms.CharField(
        label=_("Patent numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, e.g. RU 2712345 C1, CN 112345678 B, EA 039876 B1, "
            "WO 2021/123456 A1, US 11,234,567 B2, EP 3456789 B1."
        ),
    )

    class Meta:
        model = TechnologyOffer
        fields = [
            "organisation",
            "source_language",
            "titles",
            "summaries",
            "descriptions",
            "fields",
            "readiness_level",
            "ip_status",
            "patents",
            "cooperation_forms",
            "advantages",
            "target_industries",
            "target_regions",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})["patents"] = "\n".join(instance.patents)
        super().__init__(*args, **kwargs)

    def clean_patents(self) -> list[str]:
        numbers, errors = [], []
        for line in self.cleaned_data["patents"].replace(";", "\n").splitlines():
            if not line.strip():
                continue
            try:
                numbers.append(normalise_patent_number(line))
            except PatentNumberError as error:
                errors.append(str(error))
        if errors:
            raise forms.ValidationError(errors)
        return numbers


class NeedForm(ItemForm):
    cooperation_forms = CooperationFormsField(label=_("Cooperation you accept"))
    target_parameters = MultilingualTextFormField(
        label=_("Target parameters"),
        max_length=2000,
        multiline=True,
        required=False,
        help_text=_("The figures a solution must reach."),
    )

    class Meta:
        model = TechnologyNeed
        fields = [
            "organisation",
            "source_language",
            "titles",
            "summaries",
            "descriptions",
            "fields",
            "target_parameters",
            "minimum_readiness_level",
            "budget_minimum",
            "budget_maximum",
            "currency",
            "deadline",
            "cooperation_forms",
            "target_industries",
            "target_regions",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("budget_minimum"), cleaned.get("budget_maximum")
        if low is not None and high is not None and high < low:
            self.add_error(
                "budget_maximum", _("The upper end of the budget is below the lower end.")
            )
        return cleaned


class ExpertForm(ItemForm):
    display_names = MultilingualTextFormField(label=_("Name"), max_length=200)
    academic_titles = MultilingualTextFormField(
        label=_("Academic title"), max_length=200, required=False
    )
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=ContentLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    publications = MultilingualTextFormField(
        label=_("Representative publications"), multiline=True, required=False
    )
    availability = MultilingualTextFormField(
        label=_("Availability"), max_length=500, required=False
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "organisation",
            "source_language",
            "display_names",
            "academic_titles",
            "titles",
            "summaries",
            "descriptions",
            "fields",
            "spoken_languages",
            "publications",
            "availability",
            "open_to_visits",
            "open_to_joint_labs",
            "open_to_relocation",
            "target_industries",
            "target_regions",
        ]
        labels = {"titles": _("Expertise"), "summaries": _("Short biography")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["titles"].label = _("Expertise")
        self.fields["summaries"].label = _("Short biography")


FORMS = {ItemKind.OFFER: OfferForm, ItemKind.NEED: NeedForm, ItemKind.EXPERT: ExpertForm}


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Keywords in Chinese, Russian or English")}
        ),
    )
    field = forms.ChoiceField(label=_("Technology field"), required=False)
    trl_min = forms.TypedChoiceField(
        label=_("TRL from"), required=False, coerce=int, empty_value=None
    )
    trl_max = forms.TypedChoiceField(
        label=_("TRL up to"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation_type = forms.ChoiceField(label=_("Organisation type"), required=False)
    cooperation_form = forms.ChoiceField(label=_("Cooperation"), required=False)
    language = forms.ChoiceField(label=_("Written in"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args: Any, kind: ItemKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        fields = []
        for root, children in technology_field_choices():
            fields.append((root.code, pick_text(root.names).text))
            fields.extend((child.code, "— " + pick_text(child.names).text) for child in children)
        self.fields["field"].choices = [("", _("All fields")), *fields]
        levels = [(level, str(level)) for level in ReadinessLevel.values]
        self.fields["trl_min"].choices = [("", "—"), *levels]
        self.fields["trl_max"].choices = [("", "—"), *levels]
        self.fields["country"].choices = [("", _("All countries")), *Country.choices]
        self.fields["organisation_type"].choices = [("", _("All types")), *OrganisationType.choices]
        self.fields["cooperation_form"].choices = [("", _("Any")), *CooperationForm.choices]
        self.fields["language"].choices = [("", _("Any language")), *ContentLanguage.choices]
        sort_labels = {
            "relevance": _("Relevance"),
            "newest": _("Newest first"),
            "oldest": _("Oldest first"),
            "readiness": _("Readiness level"),
        }
        self.fields["sort"].choices = [(code, sort_labels[code]) for code in SORTS]
        if kind == ItemKind.EXPERT:
            for name in ("trl_min", "trl_max", "cooperation_form"):
                del self.fields[name]

    def filters(self) -> CatalogueFilters:
        if not self.is_valid():
            return CatalogueFilters()
        data = self.cleaned_data
        return CatalogueFilters(
            query=data.get("q") or "",
            field=data.get("field") or "",
            readiness_minimum=data.get("trl_min"),
            readiness_maximum=data.get("trl_max"),
            country=data.get("country") or "",
            organisation_type=data.get("organisation_type") or "",
            cooperation_form=data.get("cooperation_form") or "",
            language=data.get("language") or "",
            sort=data.get("sort") or "",
        )


class ReviewForm(forms.Form):
    """The organisers' checklist before publication."""

    comment = forms.CharField(
        label=_("Comment to the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the item: say what to change."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for point in CheckPoint:
            self.fields[f"check_{point.value}"] = forms.BooleanField(
                label=point.label, required=False
            )

    def checks(self) -> dict[str, bool]:
        return {
            point.value: bool(self.cleaned_data.get(f"check_{point.value}")) for point in CheckPoint
        }


class InterestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    cooperation_form = forms.ChoiceField(
        label=_("Cooperation you propose"), choices=CooperationForm.choices
    )
    message = forms.CharField(
        label=_("Who you are and why you are interested"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, images or Office documents, up to 10 MB.")
    )
