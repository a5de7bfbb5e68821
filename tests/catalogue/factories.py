"""Factories for catalogue items."""

import factory
from django.utils import timezone

from techbridge.accounts.enums import MembershipStatus
from techbridge.accounts.models import Membership
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import (
    ExpertProfile,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.rules import ROLE_FOR_KIND
from techbridge.catalogue.search import index_item
from tests.accounts.factories import OrganisationFactory, UserFactory


class _ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    source_language = "ru"
    titles = factory.Sequence(
        lambda number: {"ru": f"Медный сплав {number}", "zh": f"铜合金{number}"}
    )
    summaries = {
        "ru": "Высокопрочный медный сплав для контактных проводов.",
        "zh": "用于接触线的高强度铜合金。",
    }
    cooperation_forms = ["licence"]
    status = ItemStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create:
            # The owner acts for the organisation in the role that publishes this kind.
            Membership.objects.get_or_create(
                user=self.owner,
                organisation=self.organisation,
                role=ROLE_FOR_KIND[self.kind],
                defaults={"status": MembershipStatus.ACTIVE, "is_manager": True},
            )
            self.fields.set(extracted or [TechnologyField.objects.get(code="materials.copper")])
            index_item(self)


class OfferFactory(_ItemFactory):
    class Meta:
        model = TechnologyOffer

    readiness_level = 6


class NeedFactory(_ItemFactory):
    class Meta:
        model = TechnologyNeed

    source_language = "zh"
    titles = factory.Sequence(
        lambda number: {"zh": f"需要铜合金{number}", "ru": f"Нужен сплав {number}"}
    )


class ExpertFactory(_ItemFactory):
    class Meta:
        model = ExpertProfile

    display_names = {"zh": "李教授", "ru": "Профессор Ли", "en": "Professor Li"}
    cooperation_forms = []
