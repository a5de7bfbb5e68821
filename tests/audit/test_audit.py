"""The audit service records who did what to which object, and when."""

import pytest
from django.test import RequestFactory

from techbridge.audit.enums import AuditAction
from techbridge.audit.selectors import entries_for
from techbridge.audit.services import record_action
from tests.accounts.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_action_keeps_actor_target_details_and_address():
    actor = UserFactory(email="auditor@example.com")
    organisation = OrganisationFactory(names={"en": "Audited Ltd"})
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    entry = record_action(
        actor=actor,
        action=AuditAction.ORGANISATION_VERIFIED,
        target=organisation,
        details={"reason": "documents checked"},
        request=request,
    )
    assert (entry.actor, entry.actor_label, entry.target_label, entry.ip_address) == (
        actor,
        "auditor@example.com",
        "Audited Ltd",
        "192.0.2.7",
    )
    assert entry.details == {"reason": "documents checked"}
    assert list(entries_for(organisation)) == [entry]


def test_audit_entry_survives_deletion_of_the_actor():
    actor = UserFactory(email="gone@example.com")
    entry = record_action(actor=actor, action=AuditAction.SIGN_IN, target=actor)
    actor.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "gone@example.com"
