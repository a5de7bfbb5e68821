"""The catalogue filters as query parameters, the same as the catalogue pages offer.

The views hand these serializers the query parameters as a plain mapping (see
``query_parameters``), so that an empty value is refused like any other value that is not
in the schema, instead of being read as an omitted parameter (DRF's rule for HTML forms).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from techbridge.accounts.enums import Country, OrganisationType
from techbridge.catalogue.enums import (
    ContentLanguage,
    CooperationForm,
    ItemKind,
    ItemStatus,
    ReadinessLevel,
)
from techbridge.catalogue.search import query_terms
from techbridge.catalogue.selectors import SORTS, CatalogueFilters

MAX_QUERY_LENGTH = 200
TRL_MINIMUM, TRL_MAXIMUM = min(ReadinessLevel.values), max(ReadinessLevel.values)


class ItemFilterSerializer(serializers.Serializer):
    """Filters of expert profiles; offers and needs add the TRL range and cooperation."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        help_text=gettext_lazy(
            "Full-text search in Chinese, Russian or English (word segmentation for "
            "Chinese, word forms for Russian and English); every word must match."
        ),
    )
    field = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=80,
        help_text=gettext_lazy(
            "A technology field code; a top-level code includes its subfields. An unknown "
            "code matches nothing."
        ),
    )
    country = serializers.ChoiceField(choices=Country.choices, required=False)
    organisation_type = serializers.ChoiceField(choices=OrganisationType.choices, required=False)
    language = serializers.ChoiceField(
        choices=ContentLanguage.choices,
        required=False,
        help_text=gettext_lazy("Only items with a title in this language."),
    )
    sort = serializers.ChoiceField(
        choices=[(sort, sort) for sort in SORTS if sort != "readiness"],
        required=False,
        help_text=gettext_lazy("relevance (the default with q), newest (otherwise), oldest."),
    )

    def validate_q(self, query: str) -> str:
        # A query with nothing to search for (punctuation, stop words, over-long tokens)
        # is no search at all, as ``catalogue.search.apply_search`` treats it; the listing
        # must then not be sorted by a relevance it has not computed.
        return query if query_terms(query) else ""

    def filters(self) -> CatalogueFilters:
        data: dict[str, Any] = self.validated_data
        return CatalogueFilters(
            query=data.get("q", ""),
            field=data.get("field", ""),
            readiness_minimum=data.get("trl_min"),
            readiness_maximum=data.get("trl_max"),
            country=data.get("country", ""),
            organisation_type=data.get("organisation_type", ""),
            cooperation_form=data.get("cooperation_form", ""),
            language=data.get("language", ""),
            sort=data.get("sort", ""),
        )


class TechnologyItemFilterSerializer(ItemFilterSerializer):
    """Filters of offers and needs (for needs the TRL range applies to the minimum TRL)."""

    trl_min = serializers.IntegerField(min_value=TRL_MINIMUM, max_value=TRL_MAXIMUM, required=False)
    trl_max = serializers.IntegerField(min_value=TRL_MINIMUM, max_value=TRL_MAXIMUM, required=False)
    cooperation_form = serializers.ChoiceField(choices=CooperationForm.choices, required=False)
    sort = serializers.ChoiceField(
        choices=[(sort, sort) for sort in SORTS],
        required=False,
        help_text=gettext_lazy(
            "relevance (the default with q), newest (otherwise), oldest, readiness (highest "
            "TRL first)."
        ),
    )


FILTER_SERIALIZERS = {
    ItemKind.OFFER: TechnologyItemFilterSerializer,
    ItemKind.NEED: TechnologyItemFilterSerializer,
    ItemKind.EXPERT: ItemFilterSerializer,
}


class MyItemFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices, required=False)
    status = serializers.ChoiceField(choices=ItemStatus.choices, required=False)


def query_parameters(request: Any) -> dict[str, str]:
    """The request's query parameters, the last value of each, as a plain dict."""
    return dict(request.query_params.items())
