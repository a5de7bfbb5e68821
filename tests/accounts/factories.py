"""Factories for people, organisations and memberships."""

import factory
from django.utils import timezone

from techbridge.accounts.enums import Country, MembershipStatus, OrganisationType, Role
from techbridge.accounts.models import Membership, Organisation, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"person{number}@example.com")
    full_name = factory.Sequence(lambda number: f"Person {number}")
    preferred_language = "en"
    time_zone = "UTC"
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    names = factory.Sequence(
        lambda number: {
            "zh": f"机构{number}",
            "ru": f"Организация {number}",
            "en": f"Organisation {number}",
        }
    )
    organisation_type = OrganisationType.ENTERPRISE
    country = Country.RUSSIA
    is_verified = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.TECHNOLOGY_HOLDER
    status = MembershipStatus.ACTIVE


def user_with_role(
    role: Role, *, verified: bool = True, manager: bool = False, **user_fields
) -> User:
    """A person holding ``role`` in an organisation of their own."""
    membership = MembershipFactory(
        role=role,
        is_manager=manager,
        organisation=OrganisationFactory(is_verified=verified),
        user=UserFactory(**user_fields),
    )
    return membership.user
