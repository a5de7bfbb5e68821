import pytest

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER, manager=True)


@pytest.fixture
def holder(db):
    return user_with_role(Role.TECHNOLOGY_HOLDER, manager=True)
