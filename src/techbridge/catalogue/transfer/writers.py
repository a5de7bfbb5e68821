"""Writing catalogue items to CSV, XLSX and JSON, and the templates to fill in.

Exports use the import columns, so that an exported file imports again unchanged, plus a
few columns for readers (number, organisation, country, status, publication date) that the
importer recognises and ignores. Spreadsheet headers are in the reader's language; JSON
uses the machine keys and holds multilingual texts as objects by language.

Texts that a spreadsheet would run as a formula (starting with =, +, - or @) are written
as text: in XLSX by the cell type, in CSV behind an apostrophe that the importer removes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from techbridge.accounts.enums import Country
from techbridge.catalogue.enums import (
    ContentLanguage,
    CooperationForm,
    Currency,
    IntellectualPropertyStatus,
    ItemKind,
    ItemStatus,
)
from techbridge.catalogue.selectors import technology_field_choices
from techbridge.catalogue.transfer.codes import flag_text
from techbridge.catalogue.transfer.columns import Column, ValueType, columns_for, groups_for
from techbridge.catalogue.transfer.readers import FORMULA_STARTS
from techbridge.catalogue.transfer.selectors import ExportEntry
from techbridge.i18n_text import content_language, pick_text

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_MEDIA_TYPE = "application/json; charset=utf-8"
MEDIA_TYPES = {"csv": CSV_MEDIA_TYPE, "xlsx": XLSX_MEDIA_TYPE, "json": JSON_MEDIA_TYPE}
# Sheet names may not contain these characters and are at most 31 characters long.
SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})

# One filled-in row per kind, shown in the templates (texts are examples of what users
# write in each language, so they are not translated).
EXAMPLES: dict[str, dict[str, Any]] = {
    ItemKind.OFFER: {
        "source_language": "ru",
        "title_zh": "铜基复合材料连续铸造技术",
        "title_ru": "Технология непрерывного литья медных композитов",
        "title_en": "Continuous casting of copper-matrix composites",
        "summary_zh": "连续铸造高强度、高导电铜基复合材料，用于电气化铁路接触线。",
        "summary_ru": "Непрерывное литьё прочных медных композитов с высокой "
        "электропроводностью для контактных проводов железных дорог.",
        "fields": "materials.copper; manufacturing.casting",
        "readiness_level": 6,
        "ip_status": "patented",
        "patents": "RU 2712345 C1; EA 039876 B1",
        "cooperation_forms": "licence; joint_rd",
        "advantages_ru": "Прочность на 30 % выше при той же электропроводности.",
        "keywords_zh": "铜合金; 连续铸造",
        "keywords_ru": "медный сплав; непрерывное литьё",
        "target_industries_zh": "轨道交通",
        "target_regions_zh": "江西省鹰潭市",
    },
    ItemKind.NEED: {
        "source_language": "zh",
        "title_zh": "寒区建筑外墙保温材料",
        "title_ru": "Теплоизоляция наружных стен зданий для холодного климата",
        "summary_zh": "寻求可在零下四十度长期使用的外墙保温材料及施工工艺。",
        "summary_ru": "Ищем теплоизоляцию наружных стен, работающую при минус сорока "
        "градусах, и технологию её монтажа.",
        "fields": "energy_saving.cold_climate",
        "target_parameters_zh": "导热系数不高于0.03 W/(m·K)；使用寿命不少于25年。",
        "minimum_readiness_level": 6,
        "budget_minimum": 1000000,
        "budget_maximum": 5000000,
        "currency": "CNY",
        "deadline": "2026-12-31",
        "cooperation_forms": "licence; localisation",
        "keywords_zh": "保温; 寒区",
        "target_regions_zh": "辽宁省沈阳市",
    },
    ItemKind.EXPERT: {
        "source_language": "ru",
        "name_ru": "Иванов Пётр Сергеевич",
        "name_zh": "彼得·伊万诺夫",
        "academic_title_ru": "доктор технических наук, профессор",
        "title_ru": "Порошковая металлургия медных сплавов",
        "title_zh": "铜合金粉末冶金",
        "summary_ru": "Тридцать лет исследований медных сплавов, руководитель лаборатории.",
        "summary_zh": "从事铜合金研究三十年，实验室负责人。",
        "fields": "materials.metals; materials.copper",
        "spoken_languages": "ru; en",
        "affiliations": "Уральский федеральный университет",
        "open_to_visits": True,
        "open_to_joint_labs": True,
        "open_to_relocation": False,
        "keywords_ru": "порошковая металлургия; медь",
    },
}


# ---------------------------------------------------------------------------------------
# Item values


def _joined(values: Iterable[Any]) -> str:
    return "; ".join(str(value) for value in values)


class _Labels:
    """Labels that spreadsheet exports show for readers, looked up once per export in the
    active language (choice labels are lazy translations, slow to resolve per row)."""

    def __init__(self) -> None:
        self.language = content_language()
        self.countries = {str(code): str(label) for code, label in Country.choices}
        self.statuses = {str(code): str(label) for code, label in ItemStatus.choices}
        self.yes, self.no = flag_text(True), flag_text(False)


def _information(entry: ExportEntry, key: str, labels: _Labels | None) -> Any:
    """An informational column: plain codes for JSON (``labels`` None), labels for people."""
    item = entry.item
    if key == "id":
        return item.pk
    if key == "organisation":
        language = labels.language if labels else content_language()
        return pick_text(item.organisation.names, language).text
    if key == "country":
        country = item.organisation.country
        return labels.countries.get(country, country) if labels else country
    if key == "status":
        return labels.statuses.get(item.status, item.status) if labels else item.status
    published = item.published_at
    return published.date().isoformat() if published else None


def spreadsheet_cells(entry: ExportEntry, columns: list[Column], labels: _Labels) -> list[Any]:
    """The item's row: one cell per column, as a spreadsheet shows it."""
    item = entry.item
    cells: list[Any] = []
    for column in columns:
        group = column.group
        value_type = group.value_type
        value = getattr(item, group.attribute, None) if group.attribute else None
        if value_type == ValueType.INFORMATION:
            cells.append(_information(entry, group.key, labels))
        elif value_type == ValueType.TEXT:
            cells.append((value or {}).get(column.language, ""))
        elif value_type == ValueType.WORDS:
            cells.append(_joined((value or {}).get(column.language, [])))
        elif group.key == "fields":
            cells.append(_joined(entry.field_codes))
        elif value_type in (ValueType.CODES, ValueType.LIST):
            cells.append(_joined(value or []))
        elif value_type == ValueType.AMOUNT:
            cells.append(int(value) if value is not None else None)
        elif value_type == ValueType.DATE:
            cells.append(value.isoformat() if value else None)
        elif value_type == ValueType.FLAG:
            cells.append(labels.yes if value else labels.no)
        else:
            cells.append(value if value not in ("", None) else None)
    return cells


def json_object(entry: ExportEntry, kind: ItemKind | str) -> dict[str, Any]:
    """The item as a JSON object with the machine keys."""
    item = entry.item
    result: dict[str, Any] = {}
    for group in groups_for(kind, with_information=True):
        if group.value_type == ValueType.INFORMATION:
            result[group.key] = _information(entry, group.key, None)
            continue
        value = getattr(item, group.attribute, None)
        if group.key == "fields":
            result[group.key] = list(entry.field_codes)
        elif group.is_multilingual:
            result[group.key] = dict(value or {})
        elif group.value_type in (ValueType.CODES, ValueType.LIST):
            result[group.key] = list(value or [])
        elif group.value_type == ValueType.AMOUNT:
            result[group.key] = int(value) if value is not None else None
        elif group.value_type == ValueType.DATE:
            result[group.key] = value.isoformat() if value else None
        else:
            result[group.key] = value
    return result


# ---------------------------------------------------------------------------------------
# CSV


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_csv_safe(value) for value in values])
    return buffer.getvalue()


def write_csv(kind: ItemKind | str, entries: Iterable[ExportEntry]) -> Iterator[str]:
    """UTF-8 with a BOM (so that Excel reads Chinese and Russian), comma-separated, the
    header in the active language; one line at a time, for streaming."""
    columns = columns_for(kind, with_information=True)
    labels = _Labels()
    yield "\ufeff" + _csv_line([column.header_text() for column in columns])
    for entry in entries:
        yield _csv_line(spreadsheet_cells(entry, columns, labels))


def template_csv(kind: ItemKind | str) -> str:
    columns = columns_for(kind)
    example = _example_cells(kind, columns)
    return "\ufeff" + _csv_line([column.header_text() for column in columns]) + _csv_line(example)


def _example_cells(kind: ItemKind | str, columns: list[Column]) -> list[Any]:
    example = EXAMPLES[ItemKind(kind)]
    cells = []
    for column in columns:
        value = example.get(column.key)
        if column.value_type == ValueType.FLAG:
            value = flag_text(bool(value))
        cells.append(value)
    return cells


# ---------------------------------------------------------------------------------------
# XLSX


def _sheet_name(text: str) -> str:
    return text.translate(SHEET_NAME_FORBIDDEN).strip()[:31] or "Sheet"


def _text_cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # A text that looks like a formula stays text.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F2")
    return cell


def _items_sheet(workbook: Workbook, kind: ItemKind | str, columns: list[Column]) -> Any:
    sheet = workbook.create_sheet(_sheet_name(str(ItemKind(kind).label)))
    for number, column in enumerate(columns, start=1):
        width = 40 if column.value_type == ValueType.TEXT else 22
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, column.header_text(), bold=True) for column in columns])
    return sheet


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(kind: ItemKind | str, entries: Iterable[ExportEntry]) -> bytes:
    columns = columns_for(kind, with_information=True)
    labels = _Labels()
    workbook = Workbook(write_only=True)
    sheet = _items_sheet(workbook, kind, columns)
    for entry in entries:
        cells = spreadsheet_cells(entry, columns, labels)
        sheet.append([_text_cell(sheet, value) for value in cells])
    return _workbook_bytes(workbook)


def template_xlsx(kind: ItemKind | str) -> bytes:
    """The columns with headers in the active language, one example row, and a second
    sheet listing the codes that the coded columns accept."""
    columns = columns_for(kind)
    workbook = Workbook(write_only=True)
    sheet = _items_sheet(workbook, kind, columns)
    sheet.append([_text_cell(sheet, value) for value in _example_cells(kind, columns)])
    codes_sheet = workbook.create_sheet(_sheet_name(_("Codes")))
    codes_sheet.column_dimensions["A"].width = 32
    codes_sheet.column_dimensions["B"].width = 60
    for title, entries in code_listing():
        codes_sheet.append([_text_cell(codes_sheet, title, bold=True), None])
        for code, meaning in entries:
            codes_sheet.append([_text_cell(codes_sheet, code), _text_cell(codes_sheet, meaning)])
        codes_sheet.append([])
    return _workbook_bytes(workbook)


def technology_field_listing() -> list[tuple[str, str]]:
    """The codes of the technology fields in use with their names in the active language,
    subfields after their field and marked with a dash."""
    fields = []
    for root, children in technology_field_choices():
        fields.append((root.code, pick_text(root.names).text))
        fields.extend((child.code, "— " + pick_text(child.names).text) for child in children)
    return fields


def code_listing() -> list[tuple[str, list[tuple[str, str]]]]:
    """The codes of the coded columns with their meaning in the active language."""
    return [
        (_("Technology fields"), technology_field_listing()),
        (_("Cooperation forms"), [(str(v), str(label)) for v, label in CooperationForm.choices]),
        (
            _("Intellectual property"),
            [(str(v), str(label)) for v, label in IntellectualPropertyStatus.choices],
        ),
        (_("Currencies"), [(str(v), str(label)) for v, label in Currency.choices]),
        (_("Languages"), [(str(v), str(label)) for v, label in ContentLanguage.choices]),
    ]


# ---------------------------------------------------------------------------------------
# JSON


def write_json(kind: ItemKind | str, entries: Iterable[ExportEntry]) -> Iterator[str]:
    """A JSON array, one object per line, for streaming."""
    yield "["
    separator = "\n"
    for entry in entries:
        yield separator + json.dumps(json_object(entry, kind), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def template_json(kind: ItemKind | str) -> str:
    """The example row as a one-item JSON array, in the structure imports expect."""
    example = EXAMPLES[ItemKind(kind)]
    result: dict[str, Any] = {}
    for group in groups_for(kind):
        if group.is_multilingual:
            texts = {}
            for language in ("zh", "ru", "en"):
                value = example.get(f"{group.key}_{language}")
                if value:
                    texts[language] = (
                        [word.strip() for word in value.split(";")]
                        if group.value_type == ValueType.WORDS
                        else value
                    )
            result[group.key] = texts
        elif group.value_type in (ValueType.CODES, ValueType.LIST):
            value = example.get(group.key) or ""
            result[group.key] = [part.strip() for part in value.split(";") if part.strip()]
        elif group.value_type == ValueType.FLAG:
            result[group.key] = bool(example.get(group.key))
        else:
            result[group.key] = example.get(group.key)
    return json.dumps([result], ensure_ascii=False, indent=2) + "\n"
