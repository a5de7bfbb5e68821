"""Organisation pages and the protected actions on them: anonymous, wrong role, right role.
A refused action changes nothing."""

import pytest

from techbridge.accounts.enums import MembershipStatus, Role
from techbridge.accounts.models import Membership, Organisation
from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "names_zh": "鹰潭铜业",
    "names_ru": "",
    "names_en": "Yingtan Copper",
    "short_names_zh": "",
    "short_names_ru": "",
    "short_names_en": "",
    "organisation_type": "enterprise",
    "country": "CN",
    "regions_en": "Jiangxi",
    "website": "yingtan-copper.example.cn",
    "descriptions_zh": "",
    "descriptions_ru": "",
    "descriptions_en": "",
    "role": "seeker",
}


def test_register_organisation_makes_user_its_unverified_manager(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/en/organisations/register/", REGISTRATION)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert organisation.names == {"zh": "鹰潭铜业", "en": "Yingtan Copper"}
    assert organisation.website == "https://yingtan-copper.example.cn"
    assert organisation.is_verified is False
    membership = Membership.objects.get()
    assert (membership.user, membership.role, membership.is_manager, membership.status) == (
        user,
        Role.TECHNOLOGY_SEEKER,
        True,
        MembershipStatus.ACTIVE,
    )
    assert AuditEntry.objects.filter(action=AuditAction.ORGANISATION_CREATED).count() == 1


def test_register_organisation_without_a_name_keeps_the_rest(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/organisations/register/", {**REGISTRATION, "names_zh": "", "names_en": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content
    assert 'value="Jiangxi"' in content
    assert Organisation.objects.count() == 0


def test_register_organisation_requires_sign_in(client):
    response = client.post("/en/organisations/register/", REGISTRATION)
    assert response.status_code == 302
    assert Organisation.objects.count() == 0


def test_unverified_organisation_is_hidden_from_the_public(client):
    organisation = OrganisationFactory(is_verified=False)
    assert client.get(f"/en/organisations/{organisation.pk}/").status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/en/organisations/{organisation.pk}/").status_code == 403


def test_directory_lists_only_verified_organisations(client):
    OrganisationFactory(names={"en": "Visible Works"})
    OrganisationFactory(names={"en": "Hidden Works"}, is_verified=False)
    content = client.get("/en/organisations/").content.decode()
    assert "Visible Works" in content
    assert "Hidden Works" not in content


def test_directory_filters_by_country_with_htmx_partial(client):
    OrganisationFactory(names={"en": "Moscow Lab"}, country="RU")
    OrganisationFactory(names={"en": "Shenyang Park"}, country="CN")
    response = client.get("/en/organisations/?country=CN", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Shenyang Park" in content
    assert "Moscow Lab" not in content
    assert "<html" not in content


@pytest.mark.parametrize("who", ["anonymous", "holder", "manager_of_other"])
def test_verify_organisation_is_refused_to_non_organisers(client, who):
    organisation = OrganisationFactory(is_verified=False)
    if who == "holder":
        client.force_login(MembershipFactory(organisation=organisation, is_manager=True).user)
    elif who == "manager_of_other":
        client.force_login(MembershipFactory(is_manager=True).user)
    response = client.post(f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"})
    assert response.status_code in {302, 403}
    if who == "anonymous":
        assert response["Location"].startswith("/en/accounts/sign-in/")
    organisation.refresh_from_db()
    assert organisation.is_verified is False
    assert not AuditEntry.objects.filter(action=AuditAction.ORGANISATION_VERIFIED).exists()


def test_organiser_verifies_organisation_with_audit(client, organiser):
    organisation = OrganisationFactory(is_verified=False)
    client.force_login(organiser)
    response = client.post(
        f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Verified by the organisers" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.is_verified is True
    assert organisation.verified_by == organiser
    entry = AuditEntry.objects.get(action=AuditAction.ORGANISATION_VERIFIED)
    assert (entry.actor, entry.target_id) == (organiser, str(organisation.pk))


def test_organiser_of_unverified_organisation_is_not_an_organiser(client):
    impostor = MembershipFactory(
        role=Role.ORGANISER, organisation=OrganisationFactory(is_verified=False)
    ).user
    organisation = OrganisationFactory(is_verified=False)
    client.force_login(impostor)
    response = client.post(f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.is_verified is False


@pytest.mark.parametrize("who", ["anonymous", "stranger", "plain_member"])
def test_edit_organisation_is_refused_to_others(client, who):
    organisation = OrganisationFactory(names={"en": "Original"})
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "plain_member":
        client.force_login(MembershipFactory(organisation=organisation, is_manager=False).user)
    data = {**REGISTRATION, "names_en": "Changed"}
    response = client.post(f"/en/organisations/{organisation.pk}/edit/", data)
    assert response.status_code in {302, 403}
    organisation.refresh_from_db()
    assert organisation.names == {"en": "Original"}


def test_manager_edits_organisation(client):
    membership = MembershipFactory(is_manager=True)
    client.force_login(membership.user)
    data = {**REGISTRATION, "names_zh": "", "names_en": "Renamed Works"}
    response = client.post(f"/en/organisations/{membership.organisation.pk}/edit/", data)
    assert response.status_code == 302
    membership.organisation.refresh_from_db()
    assert membership.organisation.names == {"en": "Renamed Works"}
    assert AuditEntry.objects.filter(action=AuditAction.ORGANISATION_UPDATED).count() == 1


def test_join_request_then_manager_approval_grants_the_role(client):
    manager = MembershipFactory(is_manager=True)
    organisation = manager.organisation
    applicant = UserFactory()
    client.force_login(applicant)
    client.post(f"/en/organisations/{organisation.pk}/join/", {"role": "expert"})
    pending = Membership.objects.get(user=applicant)
    assert pending.status == MembershipStatus.PENDING

    client.force_login(manager.user)
    response = client.post(f"/en/organisations/{organisation.pk}/members/{pending.pk}/approve/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE
    entry = AuditEntry.objects.get(action=AuditAction.ROLE_GRANTED)
    assert entry.details["role"] == "expert"
    assert entry.actor == manager.user


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member_without_management"])
def test_approving_a_member_is_refused_to_others(client, who):
    organisation = OrganisationFactory()
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING)
    if who == "applicant":
        client.force_login(pending.user)
    elif who == "member_without_management":
        client.force_login(MembershipFactory(organisation=organisation).user)
    client.post(f"/en/organisations/{organisation.pk}/members/{pending.pk}/approve/")
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING
    assert not AuditEntry.objects.filter(action=AuditAction.ROLE_GRANTED).exists()


def test_manager_of_unverified_organisation_cannot_approve_members(client):
    organisation = OrganisationFactory(is_verified=False)
    manager = MembershipFactory(organisation=organisation, is_manager=True)
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING)
    client.force_login(manager.user)
    response = client.post(f"/en/organisations/{organisation.pk}/members/{pending.pk}/approve/")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_manager_cannot_grant_the_organiser_role(client):
    manager = MembershipFactory(is_manager=True)
    pending = MembershipFactory(
        organisation=manager.organisation, role=Role.ORGANISER, status=MembershipStatus.PENDING
    )
    client.force_login(manager.user)
    response = client.post(
        f"/en/organisations/{manager.organisation.pk}/members/{pending.pk}/approve/"
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_revoking_a_role_is_audited(client, organiser):
    membership = MembershipFactory(role=Role.EXPERT)
    client.force_login(organiser)
    client.post(f"/en/organisations/{membership.organisation.pk}/members/{membership.pk}/revoke/")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REVOKED
    assert AuditEntry.objects.get(action=AuditAction.ROLE_REVOKED).details["role"] == "expert"


def test_verification_queue_is_for_organisers_only(client, organiser):
    OrganisationFactory(names={"en": "Waiting Ltd"}, is_verified=False)
    client.force_login(UserFactory())
    assert client.get("/en/organisations/verification/").status_code == 403
    client.force_login(organiser)
    response = client.get("/en/organisations/verification/")
    assert response.status_code == 200
    assert "Waiting Ltd" in response.content.decode()
