"""The back office (Django admin) is open to organisers only."""

import pytest

from techbridge.accounts.enums import Role
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.models import TechnologyField
from tests.accounts.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_back_office_redirects_anonymous_to_its_sign_in(client):
    response = client.get("/en/backoffice/")
    assert response.status_code == 302
    assert "/backoffice/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.TECHNOLOGY_HOLDER, Role.EXPERT, Role.INTERPRETER])
def test_back_office_is_closed_to_other_roles(client, role):
    client.force_login(user_with_role(role))
    response = client.get("/en/backoffice/accounts/organisation/")
    assert response.status_code == 302


def test_back_office_verify_action_is_audited(client):
    organiser = user_with_role(Role.ORGANISER)
    organisation = OrganisationFactory(is_verified=False)
    client.force_login(organiser)
    response = client.post(
        "/en/backoffice/accounts/organisation/",
        {"action": "verify", "_selected_action": [organisation.pk]},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_verified is True
    assert (
        AuditEntry.objects.filter(action=AuditAction.ORGANISATION_VERIFIED, actor=organiser).count()
        == 1
    )


def test_audit_log_is_read_only_in_the_back_office(client):
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    assert client.get("/en/backoffice/audit/auditentry/").status_code == 200
    assert client.get("/en/backoffice/audit/auditentry/add/").status_code == 403


def test_organisers_edit_the_technology_taxonomy_in_the_back_office(client):
    client.force_login(user_with_role(Role.ORGANISER))
    field = TechnologyField.objects.get(code="materials.copper")
    response = client.get(f"/ru/backoffice/catalogue/technologyfield/{field.pk}/change/")
    assert response.status_code == 200
    assert client.get("/en/backoffice/catalogue/catalogueitem/").status_code == 200


def test_taxonomy_is_closed_to_technology_holders(client):
    client.force_login(user_with_role(Role.TECHNOLOGY_HOLDER))
    response = client.get("/en/backoffice/catalogue/technologyfield/")
    assert response.status_code == 302
