import pytest

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role


@pytest.fixture
def holder(db):
    return user_with_role(Role.TECHNOLOGY_HOLDER)


@pytest.fixture
def seeker(db):
    return user_with_role(Role.TECHNOLOGY_SEEKER)


@pytest.fixture
def expert(db):
    return user_with_role(Role.EXPERT)


@pytest.fixture
def interpreter(db):
    return user_with_role(Role.INTERPRETER)


def organisation_of(user):
    return user.memberships.get().organisation
