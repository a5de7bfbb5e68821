"""The OpenAPI 3 schema of the API, at a stable URL: JSON by default, YAML with
``Accept: application/vnd.oai.openapi`` or ``?format=yaml``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from techbridge.api.errors import api_exception_handler
from techbridge.api.languages import activate_request_language

SCHEMA_SETTINGS = {
    "TITLE": "TechBridge API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Technology offers, technology needs and expert profiles of the TechBridge "
        "catalogue. Published items are public; owners create and edit their items with a "
        "token (`Authorization: Token <key>`, from `POST /api/v1/auth/token/`). Texts users "
        "write come as objects by content language (`zh`, `ru`, `en`) with the "
        "`source_language` they were written in. Messages follow `Accept-Language`."
    ),
    # Request and response components differ (read-only fields, required fields).
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ItemKindEnum": "techbridge.catalogue.enums.ItemKind",
        "ItemStatusEnum": "techbridge.catalogue.enums.ItemStatus",
        "ContentLanguageEnum": "techbridge.catalogue.enums.ContentLanguage",
        "CooperationFormEnum": "techbridge.catalogue.enums.CooperationForm",
        "CurrencyEnum": "techbridge.catalogue.enums.Currency",
        "IntellectualPropertyStatusEnum": "techbridge.catalogue.enums.IntellectualPropertyStatus",
        "CountryEnum": "techbridge.accounts.enums.Country",
        "OrganisationTypeEnum": "techbridge.accounts.enums.OrganisationType",
    },
}


class SchemaView(SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    permission_classes = [AllowAny]
    custom_settings = SCHEMA_SETTINGS

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        activate_request_language(request)
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self) -> Any:
        return api_exception_handler
