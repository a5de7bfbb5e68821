"""Checking every row of an import file, collecting every problem with where it is.

``check_rows`` never stops at the first problem: the report lists each bad row with its
position (the spreadsheet row number, the header being row 1, or the JSON array index),
the column and a reason in the active language, and gives the values of the good rows,
ready for ``create_item``. It writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.transfer.columns import (
    Column,
    column_order,
    columns_for,
    groups_for,
    header_index,
    normalise_header,
)
from techbridge.catalogue.transfer.readers import RawRows
from techbridge.catalogue.transfer.row_checks import Reference, RowChecker, RowProblem, shown
from techbridge.i18n_text import CONTENT_LANGUAGES

__all__ = ["ImportReport", "RowProblem", "ValidRow", "check_rows", "location_label"]


@dataclass(frozen=True)
class ValidRow:
    """A good row: the values for ``create_item`` and the codes of its technology fields."""

    position: int
    values: dict[str, Any]
    field_codes: tuple[str, ...]


@dataclass
class ImportReport:
    kind: str
    format: str
    row_count: int
    header_problems: list[RowProblem] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    valid_rows: list[ValidRow] = field(default_factory=list)

    @property
    def bad_positions(self) -> list[int]:
        return sorted({problem.position for problem in self.problems})

    @property
    def is_clean(self) -> bool:
        """Every row is good and every column is known: the whole file can be imported."""
        return not self.header_problems and not self.problems and bool(self.valid_rows)

    @property
    def can_import_valid_rows(self) -> bool:
        """Some rows are good and the columns are understood, so nothing typed is lost."""
        return not self.header_problems and bool(self.valid_rows)


def location_label(file_format: str, position: int) -> str:
    """Where a problem is, as the reader finds it in their file."""
    if file_format == "json":
        return pgettext("place in a JSON file: index in the array", "item %(index)d") % {
            "index": position
        }
    return pgettext("place in a spreadsheet", "line %(line)d") % {"line": position}


# ---------------------------------------------------------------------------------------
# From file rows to cells by column key


def _header_columns(kind: ItemKind, table: RawRows) -> tuple[list[Column | None], list[RowProblem]]:
    """The column of each header (None for an empty header), and the header problems."""
    index = header_index(kind)
    columns: list[Column | None] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, header in enumerate(table.headers or [], start=1):
        if not header.strip():
            columns.append(None)
            continue
        column = index.get(normalise_header(header))
        if column is None:
            problems.append(
                RowProblem(
                    table.header_position,
                    "",
                    _(
                        "Column %(number)d, “%(header)s”, is not a column of this template; "
                        "rename or remove it (its values would otherwise be lost)."
                    )
                    % {"number": number, "header": shown(header)},
                )
            )
        elif column.key in seen:
            problems.append(
                RowProblem(
                    table.header_position,
                    column.key,
                    _("Columns %(first)d and %(second)d are the same column, “%(header)s”.")
                    % {"first": seen[column.key], "second": number, "header": shown(header)},
                )
            )
            column = None
        else:
            seen[column.key] = number
        columns.append(column)
    return columns, problems


def _spreadsheet_cells(
    checker: RowChecker, columns: list[Column | None], values: list[Any]
) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for number, cell in enumerate(values, start=1):
        blank = cell is None or (isinstance(cell, str) and not cell.strip())
        column = columns[number - 1] if number <= len(columns) else None
        if column is not None:
            cells[column.key] = cell
        elif not blank and number > len(columns):
            checker.problem(
                "",
                _("Column %(number)d has a value but no header: “%(value)s”.")
                % {"number": number, "value": shown(cell)},
            )
    return cells


def _json_cells(kind: ItemKind, checker: RowChecker, item: Any) -> dict[str, Any]:
    """The object's keys as column keys: ``{"title": {"zh": …}}`` becomes ``title_zh``."""
    if not isinstance(item, dict):
        checker.problem("", _("Each item must be an object with the keys of the template."))
        return {}
    column_keys = {column.key for column in columns_for(kind, with_information=True)}
    multilingual = {group.key for group in groups_for(kind) if group.is_multilingual}
    cells: dict[str, Any] = {}
    for key, value in item.items():
        if key in multilingual:
            if value is None:
                continue
            if not isinstance(value, dict):
                checker.problem(
                    key,
                    _(
                        "Give this text as an object by language, for example "
                        '{"zh": "…", "ru": "…"}.'
                    ),
                )
                continue
            for language, text in value.items():
                if language not in CONTENT_LANGUAGES:
                    checker.problem(
                        key,
                        _("Unknown language “%(value)s”; use zh, ru or en.")
                        % {"value": shown(language)},
                    )
                elif f"{key}_{language}" in item:
                    checker.problem(
                        f"{key}_{language}",
                        _("“%(key)s” is given twice.") % {"key": f"{key}_{language}"},
                    )
                else:
                    cells[f"{key}_{language}"] = text
        elif key in column_keys:
            cells[key] = value
        else:
            checker.problem(
                "",
                _("Unknown key “%(key)s”; use the keys of the template.") % {"key": shown(key)},
            )
    return cells


def check_rows(kind: ItemKind | str, table: RawRows) -> ImportReport:
    """Check every row of the file; see the module's docstring."""
    kind = ItemKind(kind)
    reference = Reference()
    report = ImportReport(kind=kind.value, format=table.format, row_count=len(table.rows))
    order = column_order(kind)
    columns: list[Column | None] = []
    if table.format != "json":
        columns, report.header_problems = _header_columns(kind, table)
    for position, raw in table.rows:
        checker = RowChecker(kind, position, reference)
        if table.format == "json":
            cells = _json_cells(kind, checker, raw)
        else:
            cells = _spreadsheet_cells(checker, columns, raw)
        for column in columns_for(kind):
            if column.key in cells:
                checker.check_cell(column, cells[column.key])
        checker.check_row()
        if not checker.problems:
            checker.check_model()
        if checker.problems:
            report.problems.extend(
                sorted(checker.problems, key=lambda problem: order.get(problem.column, 0))
            )
        else:
            report.valid_rows.append(ValidRow(position, checker.values, tuple(checker.field_codes)))
    return report
