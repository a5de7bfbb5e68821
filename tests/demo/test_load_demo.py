"""The demo data: complete, trilingual, and idempotent."""

import pytest

from techbridge.accounts.enums import Role
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.demo.loader import load_demo
from techbridge.events.enums import OrganisingRole
from techbridge.events.models import Event, OrganisingUnit

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        if hasattr(model, "updated_at")
        else sorted(model.objects.values_list("pk", flat=True))
        for model in (Organisation, User, Membership, Event, OrganisingUnit)
    }


def test_load_demo_twice_changes_nothing():
    first = load_demo(embeddings=False)
    before = _snapshot()
    second = load_demo(embeddings=False)
    assert sum(first.created.values()) > 0
    assert set(second.created.values()) == {0}
    assert _snapshot() == before


def test_demo_has_one_user_per_role_and_every_organising_role():
    load_demo(embeddings=False)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert set(OrganisingUnit.objects.values_list("role", flat=True)) == set(OrganisingRole.values)
    assert set(Organisation.objects.values_list("country", flat=True)) == {"CN", "RU"}


def test_demo_texts_exist_in_three_languages():
    load_demo(embeddings=False)
    for organisation in Organisation.objects.all():
        assert set(organisation.names) == {"zh", "ru", "en"}
    for event in Event.objects.all():
        assert set(event.titles) == {"zh", "ru", "en"}
        assert set(event.summaries) == {"zh", "ru", "en"}
