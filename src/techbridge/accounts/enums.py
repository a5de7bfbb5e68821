"""Choices of the accounts domain, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    """Languages of the interface and of user-written texts."""

    CHINESE = "zh-hans", "简体中文"
    RUSSIAN = "ru", "Русский"
    ENGLISH = "en", "English"


class OrganisationType(models.TextChoices):
    ENTERPRISE = "enterprise", pgettext_lazy("organisation type", "Enterprise")
    UNIVERSITY = "university", pgettext_lazy("organisation type", "University")
    RESEARCH_INSTITUTE = "institute", pgettext_lazy("organisation type", "Research institute")
    INDUSTRIAL_PARK = "park", pgettext_lazy("organisation type", "Industrial park")
    INVESTOR = "investor", pgettext_lazy("organisation type", "Investor")
    ASSOCIATION = "association", pgettext_lazy("organisation type", "Association")
    GOVERNMENT = "government", pgettext_lazy("organisation type", "Government body")
    MEDIA = "media", pgettext_lazy("organisation type", "Media")


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the countries the platform serves first."""

    CHINA = "CN", _("China")
    RUSSIA = "RU", _("Russia")
    BELARUS = "BY", _("Belarus")
    KAZAKHSTAN = "KZ", _("Kazakhstan")
    UZBEKISTAN = "UZ", _("Uzbekistan")
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    MONGOLIA = "MN", _("Mongolia")
    OTHER = "XX", _("Other country")


class Role(models.TextChoices):
    ORGANISER = "organiser", pgettext_lazy("role", "Organiser")
    TECHNOLOGY_HOLDER = "holder", pgettext_lazy("role", "Technology holder")
    TECHNOLOGY_SEEKER = "seeker", pgettext_lazy("role", "Technology seeker")
    EXPERT = "expert", pgettext_lazy("role", "Expert")
    INTERPRETER = "interpreter", pgettext_lazy("role", "Interpreter")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership status", "Awaiting approval")
    ACTIVE = "active", pgettext_lazy("membership status", "Active")
    REVOKED = "revoked", pgettext_lazy("membership status", "Revoked")
