"""What the API answers about catalogue items: public summaries (lists), full public
records (detail), and the owner's own list.

No representation carries the owner or any personal contact: a reader learns the
organisation's public data only. Contacts are exchanged through an accepted expression of
interest, on the pages.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from techbridge.accounts.enums import Country, OrganisationType
from techbridge.api.serializers.fields import KeywordsField, MultilingualTextField
from techbridge.catalogue.enums import (
    ContentLanguage,
    CooperationForm,
    Currency,
    IntellectualPropertyStatus,
    ItemKind,
    ItemStatus,
)
from techbridge.catalogue.models import ModerationReview

DETAIL_ROUTES = {
    ItemKind.OFFER: "api:offer-detail",
    ItemKind.NEED: "api:need-detail",
    ItemKind.EXPERT: "api:expert-detail",
}


def item_url(item: Any, request: Any) -> str:
    """The item's address in the API, absolute when the request is known."""
    path = reverse(DETAIL_ROUTES[ItemKind(item.kind)], kwargs={"item_id": item.pk})
    return request.build_absolute_uri(path) if request is not None else path


class OrganisationSerializer(serializers.Serializer):
    """The public data of the organisation an item belongs to."""

    id = serializers.IntegerField(read_only=True)
    names = MultilingualTextField(read_only=True)
    short_names = MultilingualTextField(read_only=True)
    organisation_type = serializers.ChoiceField(choices=OrganisationType.choices, read_only=True)
    country = serializers.ChoiceField(choices=Country.choices, read_only=True)
    regions = MultilingualTextField(read_only=True)


class ItemTechnologyFieldSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    names = MultilingualTextField(read_only=True)
    parent = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "nullable": True})
    def get_parent(self, field: Any) -> str | None:
        """The code of the top-level field, None for a top-level field."""
        return field.parent.code if field.parent_id else None


class ItemSummarySerializer(serializers.Serializer):
    """What every kind of item shows in a list."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=ItemKind.choices, read_only=True)
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ItemStatus.choices, read_only=True)
    source_language = serializers.ChoiceField(choices=ContentLanguage.choices, read_only=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentLanguage.choices), read_only=True
    )
    titles = MultilingualTextField(read_only=True)
    summaries = MultilingualTextField(read_only=True)
    technology_fields = ItemTechnologyFieldSerializer(
        source="fields.all", many=True, read_only=True
    )
    organisation = OrganisationSerializer(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expires_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item: Any) -> str:
        return item_url(item, self.context.get("request"))


class ItemDetailTextsSerializer(serializers.Serializer):
    """The longer texts that only an item's own record shows."""

    descriptions = MultilingualTextField(read_only=True)
    keywords = KeywordsField(read_only=True)
    target_industries = MultilingualTextField(read_only=True)
    target_regions = MultilingualTextField(read_only=True)


class OfferSummarySerializer(ItemSummarySerializer):
    readiness_level = serializers.IntegerField(read_only=True)
    ip_status = serializers.ChoiceField(choices=IntellectualPropertyStatus.choices, read_only=True)
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationForm.choices), read_only=True
    )


class OfferDetailSerializer(OfferSummarySerializer, ItemDetailTextsSerializer):
    patents = serializers.ListField(child=serializers.CharField(), read_only=True)
    advantages = MultilingualTextField(read_only=True)


class NeedSummarySerializer(ItemSummarySerializer):
    cooperation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationForm.choices), read_only=True
    )
    minimum_readiness_level = serializers.IntegerField(read_only=True, allow_null=True)
    budget_minimum = serializers.IntegerField(read_only=True, allow_null=True)
    budget_maximum = serializers.IntegerField(read_only=True, allow_null=True)
    currency = serializers.ChoiceField(choices=Currency.choices, read_only=True)
    deadline = serializers.DateField(read_only=True, allow_null=True)


class NeedDetailSerializer(NeedSummarySerializer, ItemDetailTextsSerializer):
    target_parameters = MultilingualTextField(read_only=True)


class ExpertSummarySerializer(ItemSummarySerializer):
    """An expert's or talent's profile: `titles` is the expertise, `summaries` the
    short biography."""

    display_names = MultilingualTextField(read_only=True)
    academic_titles = MultilingualTextField(read_only=True)
    spoken_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentLanguage.choices), read_only=True
    )
    open_to_visits = serializers.BooleanField(read_only=True)
    open_to_joint_labs = serializers.BooleanField(read_only=True)
    open_to_relocation = serializers.BooleanField(read_only=True)


class ExpertDetailSerializer(ExpertSummarySerializer, ItemDetailTextsSerializer):
    publications = MultilingualTextField(read_only=True)
    availability = MultilingualTextField(read_only=True)


SUMMARY_SERIALIZERS = {
    ItemKind.OFFER: OfferSummarySerializer,
    ItemKind.NEED: NeedSummarySerializer,
    ItemKind.EXPERT: ExpertSummarySerializer,
}
DETAIL_SERIALIZERS = {
    ItemKind.OFFER: OfferDetailSerializer,
    ItemKind.NEED: NeedDetailSerializer,
    ItemKind.EXPERT: ExpertDetailSerializer,
}


class LastReviewSerializer(serializers.Serializer):
    """The organisers' latest decision on the item, with their comment to the author."""

    decision = serializers.ChoiceField(choices=ModerationReview.Decision.choices, read_only=True)
    comment = serializers.CharField(read_only=True)
    checked_at = serializers.DateTimeField(source="created_at", read_only=True)


class MyItemSerializer(serializers.Serializer):
    """One of the caller's own items, in any status."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=ItemKind.choices, read_only=True)
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ItemStatus.choices, read_only=True)
    source_language = serializers.ChoiceField(choices=ContentLanguage.choices, read_only=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentLanguage.choices), read_only=True
    )
    titles = MultilingualTextField(read_only=True)
    organisation = OrganisationSerializer(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expires_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_review = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item: Any) -> str:
        return item_url(item, self.context.get("request"))

    @extend_schema_field(LastReviewSerializer(allow_null=True))
    def get_last_review(self, item: Any) -> dict[str, Any] | None:
        # Reviews are prefetched newest first (their default order).
        reviews = list(item.reviews.all())
        return LastReviewSerializer(reviews[0]).data if reviews else None


class TechnologySubfieldSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    names = MultilingualTextField(read_only=True)


class TechnologyFieldSerializer(serializers.Serializer):
    """A top-level field of the taxonomy with its subfields."""

    code = serializers.CharField(read_only=True)
    names = MultilingualTextField(read_only=True)
    subfields = TechnologySubfieldSerializer(many=True, read_only=True)
