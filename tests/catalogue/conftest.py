import pytest

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role


@pytest.fixture
def holder(db):
    return user_with_role(Role.TECHNOLOGY_HOLDER, preferred_language="ru")


@pytest.fixture
def seeker(db):
    return user_with_role(Role.TECHNOLOGY_SEEKER, preferred_language="zh-hans")


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)
