import pytest

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role
from tests.calls.factories import CallFactory, add_phase, add_rubric


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)


@pytest.fixture
def call(db):
    call = CallFactory()
    add_rubric(call)
    add_phase(call)
    return call
