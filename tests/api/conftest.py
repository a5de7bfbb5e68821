import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role


@pytest.fixture
def api_client():
    return APIClient()


def authenticated_client(user) -> APIClient:
    """A client sending ``user``'s API token, as an API consumer does."""
    token, _created = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def holder(db):
    return user_with_role(Role.TECHNOLOGY_HOLDER)


@pytest.fixture
def other_holder(db):
    return user_with_role(Role.TECHNOLOGY_HOLDER)


@pytest.fixture
def seeker(db):
    return user_with_role(Role.TECHNOLOGY_SEEKER)


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)
