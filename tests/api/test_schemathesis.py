"""Schemathesis drives the operations of the OpenAPI schema with generated requests
against the Django application itself, on a database holding a few published items and
the caller's own items, with a valid token. No answer may be a server error, carry an
undocumented status or content type, contradict the response schema, accept a request
the schema calls invalid, or ignore a missing token.

Phases: random generation (valid and invalid data, "fuzzing") for every operation, and
the systematic boundary and type cases ("coverage") for the read operations. The
coverage cases of the write operations number about 2,500 and take minutes on a busy
machine; set ``SCHEMATHESIS_FULL=1`` to run them too.

The ``positive_data_acceptance`` check is off: a schema-valid request may rightly be
refused (an id that names nobody's item, a lifecycle move the item's status does not
allow, a wrong password), and the schema cannot say which.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from techbridge.accounts.enums import Role
from techbridge.catalogue.enums import ItemStatus
from techbridge.wsgi import application
from tests.accounts.factories import user_with_role
from tests.api.factories import ExpertFactory, NeedFactory, OfferFactory, owned_by

TOKEN = "0123456789abcdef0123456789abcdef01234567"
FULL_RUN = os.environ.get("SCHEMATHESIS_FULL") == "1"

CONFIG = schemathesis.Config.from_dict(
    {
        # The same cases on every run, so that a failure in CI can be replayed.
        "seed": 20_250_917,
        "headers": {"Authorization": f"Token {TOKEN}"},
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "phases": {"coverage": {"enabled": FULL_RUN}},
        "operations": [{"include-method": "GET", "phases": {"coverage": {"enabled": True}}}],
    }
)

# Loaded once at collection: generating the schema reads no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)


@pytest.fixture
def connections_kept_open():
    """Requests reach the WSGI application directly, not through Django's test client, so
    do what the test client does: keep the database connection open across requests (on
    PostgreSQL, closing it would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def caller(db, connections_kept_open):
    """The token holder, with items of their own beside a few published ones of others;
    generated ids (small numbers) hit some of them."""
    holder = user_with_role(Role.TECHNOLOGY_HOLDER)
    for _ in range(2):
        OfferFactory(field_codes=["materials.copper"])
        NeedFactory()
        ExpertFactory()
    OfferFactory(**owned_by(holder))
    OfferFactory(**owned_by(holder), status=ItemStatus.DRAFT, published_at=None)
    return holder


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, caller):
    # Revoking the token is one of the operations: every case starts with it valid.
    Token.objects.get_or_create(key=TOKEN, defaults={"user": caller})
    case.call_and_validate()
