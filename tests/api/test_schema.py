"""The OpenAPI schema at its stable URL."""

import pytest
import yaml

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/experts/",
    "/api/v1/experts/{item_id}/",
    "/api/v1/experts/{item_id}/status/",
    "/api/v1/my/items/",
    "/api/v1/needs/",
    "/api/v1/needs/{item_id}/",
    "/api/v1/needs/{item_id}/status/",
    "/api/v1/offers/",
    "/api/v1/offers/{item_id}/",
    "/api/v1/offers/{item_id}/status/",
    "/api/v1/technology-fields/",
]


def test_schema_is_openapi_3_json_with_every_path(api_client):
    response = api_client.get("/api/v1/schema/")
    schema = response.json()
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.oai.openapi+json"
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == PATHS
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_schema_as_yaml(api_client):
    response = api_client.get("/api/v1/schema/?format=yaml")
    assert response.status_code == 200
    assert sorted(yaml.safe_load(response.content)["paths"]) == PATHS


def test_schema_describes_multilingual_texts_by_language(api_client):
    components = api_client.get("/api/v1/schema/").json()["components"]["schemas"]
    titles = components["OfferCreateRequest"]["properties"]["titles"]
    assert titles["additionalProperties"] is False
    assert titles["properties"]["zh"] == {"type": "string", "maxLength": 300}
    assert components["OfferCreateRequest"]["required"] == [
        "readiness_level",
        "source_language",
        "titles",
    ]
    assert "owner" not in components["OfferDetail"]["properties"]
