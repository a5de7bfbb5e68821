"""The columns of catalogue import and export files, per kind of item.

Every column has a stable machine key (``title_zh``, ``readiness_level``…) that JSON files
and scripts use, and a translated header that templates and exports show in the reader's
language. The importer accepts a header in any of the three interface languages, or the
machine key, so that a template downloaded in Russian and filled in by a Chinese colleague
still imports.

A text that users write in several languages is one *group* (``title``) spread over one
column per language (``title_zh``, ``title_ru``, ``title_en``); JSON files hold the group
as one object by language (``"title": {"zh": "…", "ru": "…"}``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from techbridge.catalogue.enums import ItemKind
from techbridge.i18n_text import CONTENT_LANGUAGE_NAMES, CONTENT_LANGUAGES


class ValueType(StrEnum):
    """How a column's cells are read and written."""

    TEXT = "text"  # one language of a multilingual text
    WORDS = "words"  # one language of a multilingual list of words (keywords)
    CODE = "code"  # one code, or its label in any language
    CODES = "codes"  # several codes separated by ";"
    LIST = "list"  # several free texts separated by ";" (patents, affiliations)
    LEVEL = "level"  # a technology readiness level, 1 to 9
    AMOUNT = "amount"  # a whole, non-negative amount of money
    DATE = "date"  # a calendar date, YYYY-MM-DD
    FLAG = "flag"  # yes or no
    INFORMATION = "information"  # exported for readers, ignored on import


@dataclass(frozen=True)
class Group:
    """What one or several columns fill: a model attribute, or information for readers.

    ``label`` names the group in problem reports; ``header`` is the column header, with a
    ``%(language)s`` placeholder for multilingual groups."""

    key: str
    attribute: str
    value_type: ValueType
    label: Promise
    header: Promise
    max_length: int | None = None

    @property
    def is_multilingual(self) -> bool:
        return self.value_type in (ValueType.TEXT, ValueType.WORDS)


@dataclass(frozen=True)
class Column:
    """One column of a file: a group, in one language for multilingual groups."""

    group: Group
    language: str = ""

    @property
    def key(self) -> str:
        return f"{self.group.key}_{self.language}" if self.language else self.group.key

    @property
    def value_type(self) -> ValueType:
        return self.group.value_type

    def header_text(self) -> str:
        """The header in the active interface language."""
        if self.language:
            return str(self.group.header) % {"language": CONTENT_LANGUAGE_NAMES[self.language]}
        return str(self.group.header)


def _multilingual(
    key: str, attribute: str, label: Promise, header: Promise, max_length: int | None
) -> Group:
    return Group(key, attribute, ValueType.TEXT, label, header, max_length)


SOURCE_LANGUAGE = Group(
    "source_language",
    "source_language",
    ValueType.CODE,
    _("Language written in"),
    _("Language written in (zh, ru or en)"),
)
TITLE = _multilingual("title", "titles", _("Title"), _("Title (%(language)s)"), 300)
SUMMARY = _multilingual("summary", "summaries", _("Summary"), _("Summary (%(language)s)"), 2000)
DESCRIPTION = _multilingual(
    "description", "descriptions", _("Description"), _("Description (%(language)s)"), None
)
TECHNOLOGY_FIELDS = Group(
    "fields",
    "fields",
    ValueType.CODES,
    _("Technology fields"),
    _("Technology fields (codes separated by ;)"),
)
KEYWORDS = Group(
    "keywords",
    "keywords",
    ValueType.WORDS,
    _("Keywords"),
    _("Keywords (%(language)s, separated by ;)"),
    300,
)
TARGET_INDUSTRIES = _multilingual(
    "target_industries",
    "target_industries",
    _("Target industries"),
    _("Target industries (%(language)s)"),
    500,
)
TARGET_REGIONS = _multilingual(
    "target_regions",
    "target_regions",
    _("Target regions"),
    _("Target regions (%(language)s)"),
    500,
)

READINESS_LEVEL = Group(
    "readiness_level",
    "readiness_level",
    ValueType.LEVEL,
    _("Technology readiness level"),
    _("TRL (1–9)"),
)
IP_STATUS = Group(
    "ip_status",
    "ip_status",
    ValueType.CODE,
    _("Intellectual property"),
    _("Intellectual property (code)"),
)
PATENTS = Group(
    "patents",
    "patents",
    ValueType.LIST,
    _("Patent numbers"),
    _("Patent numbers (separated by ;)"),
)
COOPERATION_SOUGHT = Group(
    "cooperation_forms",
    "cooperation_forms",
    ValueType.CODES,
    _("Cooperation you seek"),
    _("Cooperation sought (codes separated by ;)"),
)
ADVANTAGES = _multilingual(
    "advantages",
    "advantages",
    _("Advantage over the incumbent solution"),
    _("Advantage over the incumbent solution (%(language)s)"),
    2000,
)

TARGET_PARAMETERS = _multilingual(
    "target_parameters",
    "target_parameters",
    _("Target parameters"),
    _("Target parameters (%(language)s)"),
    2000,
)
MINIMUM_READINESS_LEVEL = Group(
    "minimum_readiness_level",
    "minimum_readiness_level",
    ValueType.LEVEL,
    _("Minimum readiness level"),
    _("Minimum TRL (1–9)"),
)
BUDGET_MINIMUM = Group(
    "budget_minimum", "budget_minimum", ValueType.AMOUNT, _("Budget from"), _("Budget from")
)
BUDGET_MAXIMUM = Group(
    "budget_maximum", "budget_maximum", ValueType.AMOUNT, _("Budget up to"), _("Budget up to")
)
CURRENCY = Group(
    "currency",
    "currency",
    ValueType.CODE,
    _("Currency"),
    _("Currency (CNY, RUB, USD or EUR)"),
)
DEADLINE = Group(
    "deadline", "deadline", ValueType.DATE, _("Needed by"), _("Needed by (YYYY-MM-DD)")
)
COOPERATION_ACCEPTED = Group(
    "cooperation_forms",
    "cooperation_forms",
    ValueType.CODES,
    _("Cooperation you accept"),
    _("Cooperation accepted (codes separated by ;)"),
)

DISPLAY_NAME = _multilingual("name", "display_names", _("Name"), _("Name (%(language)s)"), 200)
ACADEMIC_TITLE = _multilingual(
    "academic_title",
    "academic_titles",
    _("Academic title"),
    _("Academic title (%(language)s)"),
    200,
)
EXPERTISE = _multilingual("title", "titles", _("Expertise"), _("Expertise (%(language)s)"), 300)
BIOGRAPHY = _multilingual(
    "summary", "summaries", _("Short biography"), _("Short biography (%(language)s)"), 2000
)
SPOKEN_LANGUAGES = Group(
    "spoken_languages",
    "spoken_languages",
    ValueType.CODES,
    _("Languages spoken"),
    _("Languages spoken (zh, ru, en separated by ;)"),
)
AFFILIATIONS = Group(
    "affiliations",
    "affiliations",
    ValueType.LIST,
    _("Affiliations"),
    _("Affiliations (separated by ;)"),
)
PUBLICATIONS = _multilingual(
    "publications",
    "publications",
    _("Representative publications"),
    _("Representative publications (%(language)s)"),
    None,
)
AVAILABILITY = _multilingual(
    "availability",
    "availability",
    _("Availability"),
    _("Availability (%(language)s)"),
    500,
)
OPEN_TO_VISITS = Group(
    "open_to_visits",
    "open_to_visits",
    ValueType.FLAG,
    _("Open to visits"),
    _("Open to visits (yes or no)"),
)
OPEN_TO_JOINT_LABS = Group(
    "open_to_joint_labs",
    "open_to_joint_labs",
    ValueType.FLAG,
    _("Open to joint laboratories"),
    _("Open to joint laboratories (yes or no)"),
)
OPEN_TO_RELOCATION = Group(
    "open_to_relocation",
    "open_to_relocation",
    ValueType.FLAG,
    _("Open to relocation"),
    _("Open to relocation (yes or no)"),
)

# Exported so that a downloaded list says whose items they are; ignored on import.
INFORMATION = (
    Group("id", "", ValueType.INFORMATION, _("Number"), _("Number on the platform")),
    Group("organisation", "", ValueType.INFORMATION, _("Organisation"), _("Organisation")),
    Group("country", "", ValueType.INFORMATION, _("Country"), _("Country")),
    Group("status", "", ValueType.INFORMATION, _("Status"), _("Status")),
    Group("published_at", "", ValueType.INFORMATION, _("Published on"), _("Published on")),
)

_COMMON_END = (KEYWORDS, TARGET_INDUSTRIES, TARGET_REGIONS)
GROUPS: dict[str, tuple[Group, ...]] = {
    ItemKind.OFFER: (
        SOURCE_LANGUAGE,
        TITLE,
        SUMMARY,
        DESCRIPTION,
        TECHNOLOGY_FIELDS,
        READINESS_LEVEL,
        IP_STATUS,
        PATENTS,
        COOPERATION_SOUGHT,
        ADVANTAGES,
        *_COMMON_END,
    ),
    ItemKind.NEED: (
        SOURCE_LANGUAGE,
        TITLE,
        SUMMARY,
        DESCRIPTION,
        TECHNOLOGY_FIELDS,
        TARGET_PARAMETERS,
        MINIMUM_READINESS_LEVEL,
        BUDGET_MINIMUM,
        BUDGET_MAXIMUM,
        CURRENCY,
        DEADLINE,
        COOPERATION_ACCEPTED,
        *_COMMON_END,
    ),
    ItemKind.EXPERT: (
        SOURCE_LANGUAGE,
        DISPLAY_NAME,
        ACADEMIC_TITLE,
        EXPERTISE,
        BIOGRAPHY,
        DESCRIPTION,
        TECHNOLOGY_FIELDS,
        SPOKEN_LANGUAGES,
        AFFILIATIONS,
        PUBLICATIONS,
        AVAILABILITY,
        OPEN_TO_VISITS,
        OPEN_TO_JOINT_LABS,
        OPEN_TO_RELOCATION,
        *_COMMON_END,
    ),
}


def groups_for(kind: ItemKind | str, *, with_information: bool = False) -> tuple[Group, ...]:
    """The groups of a kind in file order; the informational ones last when asked for."""
    groups = GROUPS[ItemKind(kind)]
    return groups + INFORMATION if with_information else groups


def columns_for(kind: ItemKind | str, *, with_information: bool = False) -> list[Column]:
    """The columns of a kind in file order (template and export)."""
    columns = []
    for group in groups_for(kind, with_information=with_information):
        if group.is_multilingual:
            columns.extend(Column(group, language) for language in CONTENT_LANGUAGES)
        else:
            columns.append(Column(group))
    return columns


_SPACES = re.compile(r"\s+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ","})


def normalise_header(text: str) -> str:
    """Headers compare without case, surrounding spaces, doubled spaces, full-width
    brackets or a trailing required mark, which spreadsheet users add or remove freely."""
    text = _SPACES.sub(" ", str(text).translate(_BRACKETS)).strip().rstrip("*").strip()
    return text.casefold()


def header_index(kind: ItemKind | str) -> dict[str, Column]:
    """Every accepted header of the kind's columns (machine key, and the header in each
    interface language), normalised, mapped to its column."""
    index: dict[str, Column] = {}
    columns = columns_for(kind, with_information=True)
    for column in columns:
        index[normalise_header(column.key)] = column
    for language_code, _name in settings.LANGUAGES:
        with override(language_code):
            for column in columns:
                index.setdefault(normalise_header(column.header_text()), column)
    return index


def group_label(kind: ItemKind | str, key: str) -> str:
    """The name of a column or group key in the active language, for problem reports:
    "Title (Russian)" for one language of a text, "Technology fields" for a group."""
    for column in columns_for(kind, with_information=True):
        if column.key == key and column.language:
            return column.header_text()
    for group in groups_for(kind, with_information=True):
        if group.key == key:
            return str(group.label)
    return key


def column_order(kind: ItemKind | str) -> dict[str, int]:
    """The position of each column and group key in the file, to list problems in the
    order a reader meets them; problems of the whole row ("") come first."""
    order = {"": -1}
    for number, column in enumerate(columns_for(kind, with_information=True)):
        order.setdefault(column.group.key, number)
        order[column.key] = number
    return order
