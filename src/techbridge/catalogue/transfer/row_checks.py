"""Checking the cells of one row and the row as a whole, collecting every problem.

``RowChecker`` reads each cell by its column's type (texts per language, codes, lists,
readiness levels, amounts, dates, yes or no), then applies the rules that concern several
cells (a title in some language, the language written in, the budget range), and finally
the model's own checks as a safety net. Messages are in the active language.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.patents import PatentNumberError, normalise_patent_number
from techbridge.catalogue.selectors import MODELS
from techbridge.catalogue.transfer import codes
from techbridge.catalogue.transfer.columns import (
    Column,
    Group,
    ValueType,
    groups_for,
    normalise_header,
)
from techbridge.i18n_text import CONTENT_LANGUAGE_NAMES

# Separators between codes and keywords (ASCII and full-width); patents and affiliations
# contain commas themselves ("US 11,234,567 B2", "Institute of Physics, RAS").
CODE_SEPARATORS = re.compile(r"[;；,，\n]+")
LIST_SEPARATORS = re.compile(r"[;；\n]+")
LEVEL_PATTERN = re.compile(r"^(?:TRL|УГТ|技术成熟度)?\s*[:：-]?\s*(\d+)$", re.IGNORECASE)
GROUPED_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
WHOLE_WITH_ZERO_DECIMALS = re.compile(r"^(\d+)[.,]0+$")
DATE_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})$"),
    re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日?$"),
)
LARGEST_AMOUNT = 10**14 - 1  # the budget columns hold 14 digits


@dataclass(frozen=True)
class RowProblem:
    """One problem: where (row position, column or group key; "" for the whole row) and
    why, in the active language."""

    position: int
    column: str
    message: str


class Reference:
    """What the checks look things up in, loaded once per file."""

    def __init__(self) -> None:
        self.languages = codes.language_codes()
        self.cooperation_forms = codes.cooperation_codes()
        self.intellectual_property = codes.intellectual_property_codes()
        self.currencies = codes.currency_codes()
        self.technology_fields = codes.technology_field_codes()
        self.flags = codes.flag_words()

    def book_for(self, group: Group) -> codes.CodeBook:
        return {
            "source_language": self.languages,
            "spoken_languages": self.languages,
            "cooperation_forms": self.cooperation_forms,
            "ip_status": self.intellectual_property,
            "currency": self.currencies,
            "fields": self.technology_fields,
        }[group.key]


def _unknown_code_message(group: Group, value: str, book: codes.CodeBook) -> str:
    if group.key == "fields":
        return _(
            "Unknown technology field “%(value)s”; use a code from the list of fields, "
            "such as “%(example)s”."
        ) % {"value": value, "example": book.codes[0] if book.codes else ""}
    if group.key == "cooperation_forms":
        return _("Unknown cooperation form “%(value)s”; use one of %(codes)s.") % {
            "value": value,
            "codes": book.listing(),
        }
    if group.key == "ip_status":
        return _("Unknown intellectual property status “%(value)s”; use one of %(codes)s.") % {
            "value": value,
            "codes": book.listing(),
        }
    if group.key == "currency":
        return _("Unknown currency “%(value)s”; use one of %(codes)s.") % {
            "value": value,
            "codes": book.listing(),
        }
    return _("Unknown language “%(value)s”; use zh, ru or en.") % {"value": value}


def shown(value: Any) -> str:
    """A cell as quoted in a message, shortened."""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class RowChecker:
    """Checks one row, collecting problems; ``values`` fills as cells are understood."""

    def __init__(self, kind: ItemKind, position: int, reference: Reference) -> None:
        self.kind = kind
        self.position = position
        self.reference = reference
        self.problems: list[RowProblem] = []
        self.values: dict[str, Any] = {}
        self.field_codes: list[str] = []

    def problem(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.position, column, message))

    def has_problem(self, column: str) -> bool:
        return any(problem.column == column for problem in self.problems)

    # -- cells --------------------------------------------------------------------------

    def text(self, key: str, cell: Any) -> str | None:
        """A cell as text; None after reporting a cell that cannot be text."""
        if cell is None:
            return ""
        if isinstance(cell, bool | dict | list):
            self.problem(key, _("This must be text."))
            return None
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))
        return str(cell).strip()

    def items(self, key: str, cell: Any, separators: re.Pattern[str]) -> list[str] | None:
        """A list cell: a JSON array of texts, or a text split at the separators."""
        if isinstance(cell, list):
            parts = []
            for element in cell:
                text = self.text(key, element)
                if text is None:
                    return None
                parts.append(text)
        else:
            text = self.text(key, cell)
            if text is None:
                return None
            parts = separators.split(text)
        return [part.strip() for part in parts if part.strip()]

    def check_cell(self, column: Column, cell: Any) -> None:
        group, key = column.group, column.key
        value_type = group.value_type
        if value_type == ValueType.TEXT:
            text = self.text(key, cell)
            if text is None:
                return
            if text and group.max_length and len(text) > group.max_length:
                self.problem(key, _too_long(column.language, len(text), group.max_length))
            if text:
                self.values.setdefault(group.attribute, {})[column.language] = text
        elif value_type == ValueType.WORDS:
            words = self.items(key, cell, CODE_SEPARATORS)
            if words is None:
                return
            length = len(", ".join(words))
            if group.max_length and length > group.max_length:
                self.problem(key, _too_long(column.language, length, group.max_length))
            if words:
                self.values.setdefault(group.attribute, {})[column.language] = words
        elif value_type == ValueType.CODE:
            self.check_code(group, cell)
        elif value_type == ValueType.CODES:
            self.check_codes(group, cell)
        elif value_type == ValueType.LIST:
            entries = self.items(key, cell, LIST_SEPARATORS)
            if entries is not None and group.key == "patents":
                self.check_patents(entries)
            elif entries is not None:
                self.values[group.attribute] = entries
        elif value_type == ValueType.LEVEL:
            self.check_level(group, cell)
        elif value_type == ValueType.AMOUNT:
            self.check_amount(group, cell)
        elif value_type == ValueType.DATE:
            self.check_date(group, cell)
        elif value_type == ValueType.FLAG:
            self.check_flag(group, cell)

    def check_code(self, group: Group, cell: Any) -> None:
        text = self.text(group.key, cell)
        if not text:
            return
        book = self.reference.book_for(group)
        code = book.find(text)
        if code is None:
            self.problem(group.key, _unknown_code_message(group, shown(text), book))
        else:
            self.values[group.attribute] = code

    def check_codes(self, group: Group, cell: Any) -> None:
        entries = self.items(group.key, cell, CODE_SEPARATORS)
        if entries is None:
            return
        book = self.reference.book_for(group)
        found: list[str] = []
        for entry in entries:
            code = book.find(entry)
            if code is None:
                self.problem(group.key, _unknown_code_message(group, shown(entry), book))
            elif code not in found:
                found.append(code)
        if group.key == "fields":
            self.field_codes = found
        else:
            self.values[group.attribute] = found

    def check_patents(self, entries: list[str]) -> None:
        numbers = []
        for entry in entries:
            try:
                numbers.append(normalise_patent_number(entry))
            except PatentNumberError as error:
                self.problem("patents", str(error))
        self.values["patents"] = numbers

    def check_level(self, group: Group, cell: Any) -> None:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return
        level: int | None = None
        if isinstance(cell, int) and not isinstance(cell, bool):
            level = cell
        elif isinstance(cell, float) and cell.is_integer():
            level = int(cell)
        elif isinstance(cell, str):
            match = LEVEL_PATTERN.match(cell.strip())
            level = int(match.group(1)) if match else None
        if level is None:
            self.problem(
                group.key,
                _("“%(value)s” is not a readiness level: give a whole number from 1 to 9.")
                % {"value": shown(cell)},
            )
        elif not 1 <= level <= 9:
            self.problem(
                group.key,
                _("The readiness level must be from 1 to 9, not %(value)d.") % {"value": level},
            )
        else:
            self.values[group.attribute] = level

    def check_amount(self, group: Group, cell: Any) -> None:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return
        amount: int | None = None
        if isinstance(cell, int) and not isinstance(cell, bool):
            amount = cell
        elif isinstance(cell, float) and cell.is_integer():
            amount = int(cell)
        elif isinstance(cell, str):
            compact = re.sub(r"[\s\u00a0\u202f'’]", "", cell)
            if GROUPED_THOUSANDS.match(compact):
                compact = compact.replace(",", "")
            zero_decimals = WHOLE_WITH_ZERO_DECIMALS.match(compact)
            if zero_decimals:
                compact = zero_decimals.group(1)
            if re.fullmatch(r"-?\d+", compact):
                amount = int(compact)
        if amount is None:
            self.problem(
                group.key,
                _(
                    "“%(value)s” is not an amount: write a whole number without the currency, "
                    "for example 1500000."
                )
                % {"value": shown(cell)},
            )
        elif amount < 0:
            self.problem(group.key, _("An amount cannot be negative."))
        elif amount > LARGEST_AMOUNT:
            self.problem(group.key, _("The amount %(value)d is too large.") % {"value": amount})
        else:
            self.values[group.attribute] = amount

    def check_date(self, group: Group, cell: Any) -> None:
        text = self.text(group.key, cell)
        if not text:
            return
        for pattern in DATE_PATTERNS:
            match = pattern.match(text)
            if match is None:
                continue
            try:
                self.values[group.attribute] = datetime.date(
                    int(match["year"]), int(match["month"]), int(match["day"])
                )
                return
            except ValueError:
                break
        self.problem(
            group.key,
            _("“%(value)s” is not a date: write it as YYYY-MM-DD, for example 2026-12-31.")
            % {"value": shown(text)},
        )

    def check_flag(self, group: Group, cell: Any) -> None:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            self.values[group.attribute] = False
            return
        if isinstance(cell, bool):
            self.values[group.attribute] = cell
            return
        integral = isinstance(cell, float) and cell.is_integer()
        text = str(int(cell)) if integral else str(cell)
        flag = self.reference.flags.get(normalise_header(text))
        if flag is None:
            self.problem(
                group.key,
                _("“%(value)s” is neither yes nor no.") % {"value": shown(cell)},
            )
        else:
            self.values[group.attribute] = flag

    # -- the row as a whole -------------------------------------------------------------

    def check_row(self) -> None:
        titles = self.values.get("titles", {})
        if not titles:
            self.problem("title", _("Enter this text in at least one language."))
        if self.kind == ItemKind.EXPERT and not self.values.get("display_names"):
            self.problem("name", _("Give the expert's name."))
        if "source_language" not in self.values and not self.has_problem("source_language"):
            if len(titles) == 1:
                self.values["source_language"] = next(iter(titles))
            elif titles:
                self.problem(
                    "source_language",
                    _("Say which language the item was written in: zh, ru or en."),
                )
        if (
            self.kind == ItemKind.OFFER
            and "readiness_level" not in self.values
            and not self.has_problem("readiness_level")
        ):
            self.problem(
                "readiness_level", _("Give the readiness level, a whole number from 1 to 9.")
            )
        if self.kind == ItemKind.NEED:
            self.check_budget()

    def check_budget(self) -> None:
        low = self.values.get("budget_minimum")
        high = self.values.get("budget_maximum")
        if low is not None and high is not None and high < low:
            self.problem("budget_maximum", _("The upper end of the budget is below the lower end."))
        if (
            (low is not None or high is not None)
            and "currency" not in self.values
            and not self.has_problem("currency")
        ):
            self.problem("currency", _("Give the currency of the budget: CNY, RUB, USD or EUR."))

    def check_model(self) -> None:
        """What the model itself checks, as a safety net behind the checks above."""
        attributes = {group.attribute: group.key for group in groups_for(self.kind)}
        instance = MODELS[self.kind](**self.values)
        try:
            instance.full_clean(
                exclude=["fields", "owner", "organisation"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(attributes.get(name, ""), message)


def _too_long(language: str, length: int, limit: int) -> str:
    # The same sentence as the model's own check, so it reads the same everywhere.
    return _("The %(language)s text is too long (%(length)d characters, at most %(limit)d).") % {
        "language": CONTENT_LANGUAGE_NAMES[language],
        "length": length,
        "limit": limit,
    }
