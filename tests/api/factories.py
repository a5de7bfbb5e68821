"""Catalogue items for API tests, written straight to the database and indexed for
search, in the state a test names (published unless told otherwise)."""

import factory
from django.utils import timezone

from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import (
    ExpertProfile,
    TechnologyField,
    TechnologyNeed,
    TechnologyOffer,
)
from techbridge.catalogue.search import index_item
from tests.accounts.factories import OrganisationFactory, UserFactory


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SubFactory(UserFactory)
    source_language = "ru"
    titles = factory.Sequence(lambda number: {"ru": f"Технология {number}", "zh": f"技术{number}"})
    summaries = factory.Sequence(
        lambda number: {"ru": f"Краткое описание {number}", "zh": f"简介{number}"}
    )
    status = ItemStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=365))

    @factory.post_generation
    def field_codes(self, create, extracted, **kwargs):
        """``field_codes=["materials.copper"]`` sets the technology fields."""
        if create:
            self.fields.set(TechnologyField.objects.filter(code__in=extracted or ["materials"]))
            index_item(self)


class OfferFactory(ItemFactory):
    class Meta:
        model = TechnologyOffer
        skip_postgeneration_save = True

    readiness_level = 6
    cooperation_forms = factory.LazyFunction(lambda: ["licence"])


class NeedFactory(ItemFactory):
    class Meta:
        model = TechnologyNeed
        skip_postgeneration_save = True

    source_language = "zh"
    cooperation_forms = factory.LazyFunction(lambda: ["joint_rd"])
    minimum_readiness_level = 5


class ExpertFactory(ItemFactory):
    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    display_names = factory.Sequence(lambda number: {"ru": f"Эксперт {number}"})
    spoken_languages = factory.LazyFunction(lambda: ["ru", "en"])


def owned_by(user, organisation=None):
    """Factory keyword arguments for an item of ``user`` on behalf of their organisation."""
    if organisation is None:
        organisation = user.memberships.get().organisation
    return {"owner": user, "organisation": organisation}
