"""Choices of the catalogue: kinds, lifecycle states, TRL, IP status, cooperation forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemKind(models.TextChoices):
    OFFER = "offer", pgettext_lazy("catalogue item kind", "Technology offer")
    NEED = "need", pgettext_lazy("catalogue item kind", "Technology need")
    EXPERT = "expert", pgettext_lazy("catalogue item kind", "Expert")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("catalogue status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("catalogue status", "Submitted for check")
    RETURNED = "returned", pgettext_lazy("catalogue status", "Returned to the author")
    PUBLISHED = "published", pgettext_lazy("catalogue status", "Published")
    EXPIRED = "expired", pgettext_lazy("catalogue status", "Expired")
    ARCHIVED = "archived", pgettext_lazy("catalogue status", "Archived")


class ReadinessLevel(models.IntegerChoices):
    """Technology readiness levels (技术成熟度 · УГТ), with their definitions."""

    TRL_1 = 1, _("TRL 1 — basic principles observed")
    TRL_2 = 2, _("TRL 2 — technology concept formulated")
    TRL_3 = 3, _("TRL 3 — experimental proof of concept")
    TRL_4 = 4, _("TRL 4 — technology validated in the laboratory")
    TRL_5 = 5, _("TRL 5 — technology validated in a relevant environment")
    TRL_6 = 6, _("TRL 6 — technology demonstrated in a relevant environment")
    TRL_7 = 7, _("TRL 7 — system prototype demonstrated in an operational environment")
    TRL_8 = 8, _("TRL 8 — system complete and qualified")
    TRL_9 = 9, _("TRL 9 — actual system proven in an operational environment")


class IntellectualPropertyStatus(models.TextChoices):
    PATENTED = "patented", pgettext_lazy("IP status", "Patented")
    PATENT_PENDING = "patent_pending", pgettext_lazy("IP status", "Patent pending")
    KNOW_HOW = "know_how", pgettext_lazy("IP status", "Know-how (trade secret)")
    SOFTWARE = "software", pgettext_lazy("IP status", "Registered software")
    NONE = "none", pgettext_lazy("IP status", "No protected IP")


class CooperationForm(models.TextChoices):
    LICENCE = "licence", pgettext_lazy("cooperation form", "Licence")
    JOINT_RD = "joint_rd", pgettext_lazy("cooperation form", "Joint research and development")
    JOINT_VENTURE = "joint_venture", pgettext_lazy("cooperation form", "Joint venture")
    SALE = "sale", pgettext_lazy("cooperation form", "Sale of the technology")
    LOCALISATION = "localisation", pgettext_lazy("cooperation form", "Localisation of production")
    INVESTMENT = "investment", pgettext_lazy("cooperation form", "Investment")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    RUB = "RUB", _("Russian rouble (RUB)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


class ContentLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class InterestStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("interest status", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("interest status", "Accepted: contacts shared")
    DECLINED = "declined", pgettext_lazy("interest status", "Declined")


class CheckPoint(models.TextChoices):
    """What organisers check before an item is published."""

    LANGUAGES = "languages", _("Title and summary agree in every language given")
    FIELD = "field", _("Technology field, TRL and cooperation forms are plausible")
    CONTENT = "content", _("The description is concrete and is not advertising")
    NO_CONTACTS = (
        "no_contacts",
        _("No phone numbers, e-mail addresses or personal data in the texts"),
    )
    INTELLECTUAL_PROPERTY = "ip", _("Patent numbers and IP status are consistent")
    ATTACHMENTS = "attachments", _("Attachments are relevant and contain nothing confidential")
