"""Factories and builders for calls, rubrics, phases, pools and applications."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from techbridge.accounts.enums import Role
from techbridge.calls.enums import SubmissionStatus
from techbridge.calls.models import Call, Criterion, PoolMember, ReviewPhase
from techbridge.calls.services.submissions import change_submission_status, start_application
from techbridge.catalogue.models import TechnologyField
from tests.accounts.factories import user_with_role
from tests.catalogue.factories import ExpertFactory, OfferFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    titles = {
        "zh": "铜基新材料与铜智造技术路演项目征集",
        "ru": "Сбор заявок на питч-сессию по медным материалам",
        "en": "Call for copper materials projects",
    }
    themes = {"en": "Copper-based new materials and smart copper manufacturing."}
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    projects_to_select = 2
    reserve_size = 1
    reviews_per_project = 2
    expert_maximum_load = 5
    is_published = True


RUBRIC = [
    ("innovation", {"en": "Innovation", "zh": "创新性", "ru": "Новизна"}, "2", 1, 5),
    ("maturity", {"en": "Maturity", "zh": "成熟度", "ru": "Зрелость"}, "1", 1, 5),
    (
        "fit",
        {"en": "Fit with the local industry", "zh": "产业契合度", "ru": "Соответствие"},
        "1",
        0,
        10,
    ),
]


def add_rubric(call: Call) -> list[Criterion]:
    return [
        Criterion.objects.create(
            call=call,
            key=key,
            names=names,
            weight=Decimal(weight),
            scale_minimum=low,
            scale_maximum=high,
            position=position,
        )
        for position, (key, names, weight, low, high) in enumerate(RUBRIC)
    ]


def add_phase(call: Call, **flags) -> ReviewPhase:
    values = {
        "names": {"en": "Expert review", "zh": "专家评审", "ru": "Экспертиза"},
        "starts_at": timezone.now() - timedelta(days=1),
        "ends_at": timezone.now() + timedelta(days=20),
        "reviewers_may_review": True,
        "reviewers_may_bid": True,
        "is_blind": True,
        "applicants_see_feedback": False,
    }
    values.update(flags)
    return ReviewPhase.objects.create(call=call, **values)


def expert_in_pool(call: Call, *, fields=("materials.copper",), **user_fields) -> PoolMember:
    """An expert (role, profile in the catalogue) seated in the call's pool."""
    user = user_with_role(Role.EXPERT, **user_fields)
    organisation = user.memberships.get().organisation
    profile = ExpertFactory(
        owner=user,
        organisation=organisation,
        fields=list(TechnologyField.objects.filter(code__in=fields)),
    )
    return PoolMember.objects.create(call=call, user=user, profile=profile)


def holder_offer(**user_fields):
    """A technology holder with one offer of their own."""
    holder = user_with_role(Role.TECHNOLOGY_HOLDER, **user_fields)
    organisation = holder.memberships.get().organisation
    return holder, OfferFactory(owner=holder, organisation=organisation)


def application(call: Call, *, submit: bool = True, **user_fields):
    """An application by a new holder; submitted (and checked) unless ``submit=False``."""
    holder, offer = holder_offer(**user_fields)
    submission = start_application(call=call, applicant=holder, offer=offer)
    if submit:
        submission = change_submission_status(
            submission=submission, to_status=SubmissionStatus.SUBMITTED, actor=holder
        )
    return submission
