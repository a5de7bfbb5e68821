import pytest

from techbridge.accounts.enums import Role
from tests.accounts.factories import user_with_role
from tests.events.factories import EventFactory, meeting_day


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def day(event):
    """The event's meeting day: three slots, two tables, one video room."""
    return meeting_day(event)
