import pytest

from techbridge.accounts.enums import Role
from techbridge.matchmaking.adapter import registry
from tests.accounts.factories import user_with_role


@pytest.fixture(autouse=True)
def _fresh_matching_state():
    """Engines are per-process caches of the database; each test starts from scratch (the
    encoder and its in-memory vectors are kept: they depend on nothing a test changes)."""
    registry.clear()
    yield
    registry.clear()


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)
