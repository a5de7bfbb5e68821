"""Importing catalogue items from a file, all or nothing unless the user chose otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from techbridge.accounts.models import Organisation, User
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action
from techbridge.catalogue import rules
from techbridge.catalogue.enums import ItemKind
from techbridge.catalogue.models import CatalogueItem, TechnologyField
from techbridge.catalogue.services.items import create_item
from techbridge.catalogue.transfer.readers import RawRows
from techbridge.catalogue.transfer.validation import ImportReport, check_rows


class ImportRefused(ValidationError):
    """Nothing was imported; ``report`` lists every problem of the file."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message, code="import_refused")
        self.report = report


@dataclass(frozen=True)
class ImportResult:
    items: list[CatalogueItem]
    skipped_positions: list[int]
    report: ImportReport


@transaction.atomic
def import_items(
    *,
    kind: ItemKind | str,
    owner: User,
    organisation: Organisation,
    rows: RawRows,
    only_valid_rows: bool,
    file_name: str = "",
    request: HttpRequest | None = None,
) -> ImportResult:
    """Check every row again and create one draft per good row, on behalf of the
    organisation, in one transaction with one audit entry.

    Raises ``PermissionDenied`` if the owner may not create items of this kind for this
    organisation, and ``ImportRefused`` (nothing written) when any row is bad and
    ``only_valid_rows`` is false, when a column is not understood (its values would be
    lost) or when no row is good."""
    kind = ItemKind(kind)
    if organisation not in rules.organisations_for_kind(owner, kind):
        raise PermissionDenied
    report = check_rows(kind, rows)
    if report.header_problems:
        raise ImportRefused(
            _("Some columns of the file are not understood; nothing was imported."), report
        )
    if report.problems and not only_valid_rows:
        bad = len(report.bad_positions)
        raise ImportRefused(
            ngettext(
                "%(count)d row has problems; nothing was imported.",
                "%(count)d rows have problems; nothing was imported.",
                bad,
            )
            % {"count": bad},
            report,
        )
    if not report.valid_rows:
        raise ImportRefused(_("No row can be imported; nothing was imported."), report)
    codes = {code for row in report.valid_rows for code in row.field_codes}
    technology_fields = {
        field.code: field for field in TechnologyField.objects.filter(code__in=codes)
    }
    items = []
    for row in report.valid_rows:
        items.append(
            create_item(
                kind=kind,
                owner=owner,
                organisation=organisation,
                fields=[technology_fields[code] for code in row.field_codes],
                request=request,
                **row.values,
            )
        )
    skipped = report.bad_positions
    record_action(
        actor=owner,
        action=AuditAction.CATALOGUE_IMPORTED,
        target=organisation,
        details={
            "kind": kind.value,
            "format": rows.format,
            "file": file_name,
            "rows": report.row_count,
            "imported": len(items),
            "skipped": len(skipped),
            "skipped_positions": skipped,
            "items": [item.pk for item in items],
        },
        request=request,
    )
    return ImportResult(items=items, skipped_positions=skipped, report=report)
