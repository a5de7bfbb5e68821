"""What owners send to create and edit items, and to change an item's status.

These serializers only check the shape of the input and turn codes into objects; the
catalogue's services decide everything else (permissions, model validation, the
lifecycle), so that the API and the pages accept and refuse the same things.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy
from rest_framework import serializers

from techbridge.api.serializers.fields import (
    KeywordsField,
    MultilingualTextField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from techbridge.catalogue import rules
from techbridge.catalogue.enums import (
    ContentLanguage,
    CooperationForm,
    Currency,
    IntellectualPropertyStatus,
    ItemKind,
    ItemStatus,
    ReadinessLevel,
)
from techbridge.catalogue.patents import PatentNumberError, normalise_patent_number
from techbridge.catalogue.selectors import technology_field_choices

MAX_TECHNOLOGY_FIELDS = 10
MAX_PATENTS = 30
# The model stores budgets as 14-digit whole numbers.
MAX_BUDGET = 10**14 - 1
TRL_MINIMUM, TRL_MAXIMUM = min(ReadinessLevel.values), max(ReadinessLevel.values)


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class ItemWriteSerializer(serializers.Serializer):
    """What every kind of item accepts. On creation `source_language` and `titles` are
    required; in a PATCH every field is optional and a given field replaces the stored one
    (a multilingual text as a whole: send every language you keep)."""

    source_language = serializers.ChoiceField(choices=ContentLanguage.choices)
    titles = MultilingualTextField(max_length=300, require_text=True)
    summaries = MultilingualTextField(max_length=2000, required=False)
    descriptions = MultilingualTextField(required=False)
    technology_fields = serializers.ListField(
        child=StrictCharField(max_length=80),
        max_length=MAX_TECHNOLOGY_FIELDS,
        required=False,
        help_text=gettext_lazy("Codes from /api/v1/technology-fields/."),
    )
    keywords = KeywordsField(required=False)
    target_industries = MultilingualTextField(max_length=500, required=False)
    target_regions = MultilingualTextField(max_length=500, required=False)

    def validate_technology_fields(self, codes: list[str]) -> list[Any]:
        """The codes as taxonomy nodes; only fields in use are accepted."""
        known = {
            field.code: field
            for root, children in technology_field_choices()
            for field in (root, *children)
        }
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise serializers.ValidationError(
                gettext("Unknown technology field: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [known[code] for code in _unique(codes)]

    def values(self) -> dict[str, Any]:
        """The model values to hand to the services (technology fields apart)."""
        values = dict(self.validated_data)
        values.pop("technology_fields", None)
        values.pop("organisation", None)
        return values


class CooperationFormsMixin(serializers.Serializer):
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationForm.choices),
        max_length=len(CooperationForm.choices),
        required=False,
    )

    def validate_cooperation_forms(self, forms: list[str]) -> list[str]:
        return _unique(forms)


class OfferWriteSerializer(ItemWriteSerializer, CooperationFormsMixin):
    readiness_level = StrictIntegerField(min_value=TRL_MINIMUM, max_value=TRL_MAXIMUM)
    ip_status = serializers.ChoiceField(choices=IntellectualPropertyStatus.choices, required=False)
    patents = serializers.ListField(
        child=StrictCharField(max_length=40),
        max_length=MAX_PATENTS,
        required=False,
        help_text=gettext_lazy(
            "Patent numbers of the CN, RU, EA, WO, US or EP offices, e.g. RU 2712345 C1."
        ),
    )
    advantages = MultilingualTextField(max_length=2000, required=False)

    def validate_patents(self, numbers: list[str]) -> list[str]:
        """Each number in its canonical spelling; every bad number is reported."""
        normalised, errors = [], []
        for number in numbers:
            try:
                normalised.append(normalise_patent_number(number))
            except PatentNumberError as error:
                errors.append(str(error))
        if errors:
            raise serializers.ValidationError(errors)
        return _unique(normalised)


class NeedWriteSerializer(ItemWriteSerializer, CooperationFormsMixin):
    target_parameters = MultilingualTextField(max_length=2000, required=False)
    minimum_readiness_level = StrictIntegerField(
        min_value=TRL_MINIMUM, max_value=TRL_MAXIMUM, allow_null=True, required=False
    )
    budget_minimum = StrictIntegerField(
        min_value=0, max_value=MAX_BUDGET, allow_null=True, required=False
    )
    budget_maximum = StrictIntegerField(
        min_value=0, max_value=MAX_BUDGET, allow_null=True, required=False
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    deadline = serializers.DateField(allow_null=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # In a PATCH the other end of the range may be the stored one.
        stored = self.context.get("item")
        low = attrs.get("budget_minimum", getattr(stored, "budget_minimum", None))
        high = attrs.get("budget_maximum", getattr(stored, "budget_maximum", None))
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError(
                {"budget_maximum": gettext("The upper end of the budget is below the lower end.")}
            )
        return attrs


class ExpertWriteSerializer(ItemWriteSerializer):
    display_names = MultilingualTextField(max_length=200, require_text=True)
    academic_titles = MultilingualTextField(max_length=200, required=False)
    spoken_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentLanguage.choices),
        max_length=len(ContentLanguage.choices),
        required=False,
    )
    publications = MultilingualTextField(required=False)
    availability = MultilingualTextField(max_length=500, required=False)
    open_to_visits = StrictBooleanField(required=False)
    open_to_joint_labs = StrictBooleanField(required=False)
    open_to_relocation = StrictBooleanField(required=False)

    def validate_spoken_languages(self, languages: list[str]) -> list[str]:
        return _unique(languages)


class OrganisationChoiceMixin(serializers.Serializer):
    """On creation: on whose behalf. Optional when the caller may act for one organisation
    only; the organisation of an item never changes afterwards."""

    organisation = StrictIntegerField(
        min_value=1,
        required=False,
        help_text=gettext_lazy(
            "Id of one of your verified organisations in which you hold the role for this "
            "kind of item; optional if there is only one."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        user, kind = self.context["request"].user, self.context["kind"]
        allowed = rules.organisations_for_kind(user, kind)
        wanted = attrs.get("organisation")
        if wanted is None and len(allowed) == 1:
            attrs["organisation"] = allowed[0]
            return attrs
        chosen = [organisation for organisation in allowed if organisation.pk == wanted]
        if not chosen:
            choices = ", ".join(str(organisation.pk) for organisation in allowed)
            raise serializers.ValidationError(
                {
                    "organisation": gettext(
                        "Choose the organisation on whose behalf you write: one of %(choices)s."
                    )
                    % {"choices": choices}
                }
            )
        attrs["organisation"] = chosen[0]
        return attrs


class OfferCreateSerializer(OrganisationChoiceMixin, OfferWriteSerializer):
    pass


class NeedCreateSerializer(OrganisationChoiceMixin, NeedWriteSerializer):
    pass


class ExpertCreateSerializer(OrganisationChoiceMixin, ExpertWriteSerializer):
    pass


CREATE_SERIALIZERS: dict[str, type[ItemWriteSerializer]] = {
    ItemKind.OFFER: OfferCreateSerializer,
    ItemKind.NEED: NeedCreateSerializer,
    ItemKind.EXPERT: ExpertCreateSerializer,
}
UPDATE_SERIALIZERS: dict[str, type[ItemWriteSerializer]] = {
    ItemKind.OFFER: OfferWriteSerializer,
    ItemKind.NEED: NeedWriteSerializer,
    ItemKind.EXPERT: ExpertWriteSerializer,
}

# The statuses an owner can ask for; the lifecycle decides which move is possible now.
OWNER_TARGET_STATUSES = (
    ItemStatus.DRAFT,
    ItemStatus.SUBMITTED,
    ItemStatus.PUBLISHED,
    ItemStatus.ARCHIVED,
)


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[(status.value, status.label) for status in OWNER_TARGET_STATUSES],
        help_text=gettext_lazy(
            "draft (withdraw a submission, or restore an archived item), submitted (send for "
            "the organisers' check), published (renew an expired item), archived."
        ),
    )
    comment = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")
