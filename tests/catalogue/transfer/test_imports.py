"""The import service: all or nothing, or only the valid rows when the user chose so."""

import pytest
from django.core.exceptions import PermissionDenied

from techbridge.audit.enums import AuditAction
from techbridge.audit.models import AuditEntry
from techbridge.catalogue.enums import ItemStatus
from techbridge.catalogue.models import CatalogueItem, TechnologyOffer
from techbridge.catalogue.services.imports import ImportRefused, import_items
from techbridge.catalogue.transfer.readers import read_upload
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.transfer.conftest import organisation_of
from tests.catalogue.transfer.files import csv_bytes

HEADER = ["source_language", "title_ru", "title_zh", "fields", "readiness_level", "patents"]
FIRST = ["ru", "Литьё медных сплавов", "铜合金铸造", "materials.copper", "6", "RU 2712345 C1"]
SECOND = ["zh", "Сварка трением", "摩擦焊", "manufacturing.machining; ai", "4", ""]
BAD = ["ru", "Плохая строка", "", "materials.copper", "10", ""]


def _rows(*rows, header=HEADER):
    return read_upload(csv_bytes([header, *rows]), "offers.csv")


def _nothing_changed():
    return (
        CatalogueItem.objects.count() == 0
        and not AuditEntry.objects.filter(action=AuditAction.CATALOGUE_IMPORTED).exists()
    )


def test_a_bad_row_stops_the_whole_import(holder):
    with pytest.raises(ImportRefused) as refusal:
        import_items(
            kind="offer",
            owner=holder,
            organisation=organisation_of(holder),
            rows=_rows(FIRST, BAD, SECOND),
            only_valid_rows=False,
        )
    assert refusal.value.messages == ["1 row has problems; nothing was imported."]
    assert refusal.value.report.bad_positions == [3]
    assert _nothing_changed()


def test_only_valid_rows_imports_the_good_rows_as_drafts(holder):
    organisation = organisation_of(holder)
    result = import_items(
        kind="offer",
        owner=holder,
        organisation=organisation,
        rows=_rows(FIRST, BAD, SECOND),
        only_valid_rows=True,
        file_name="offers.csv",
    )
    assert result.skipped_positions == [3]
    offers = list(TechnologyOffer.objects.order_by("pk"))
    assert [offer.titles for offer in offers] == [
        {"ru": "Литьё медных сплавов", "zh": "铜合金铸造"},
        {"ru": "Сварка трением", "zh": "摩擦焊"},
    ]
    assert [offer.status for offer in offers] == [ItemStatus.DRAFT, ItemStatus.DRAFT]
    assert {offer.owner for offer in offers} == {holder}
    assert {offer.organisation for offer in offers} == {organisation}
    assert [offer.source_language for offer in offers] == ["ru", "zh"]
    assert [offer.readiness_level for offer in offers] == [6, 4]
    assert offers[0].patents == ["RU 2712345 C1"]
    assert sorted(field.code for field in offers[1].fields.all()) == [
        "ai",
        "manufacturing.machining",
    ]
    entry = AuditEntry.objects.get(action=AuditAction.CATALOGUE_IMPORTED)
    assert entry.actor == holder
    assert entry.target_id == str(organisation.pk)
    assert entry.details == {
        "kind": "offer",
        "format": "csv",
        "file": "offers.csv",
        "rows": 3,
        "imported": 2,
        "skipped": 1,
        "skipped_positions": [3],
        "items": [offer.pk for offer in offers],
    }


def test_a_clean_file_imports_every_row(holder):
    result = import_items(
        kind="offer",
        owner=holder,
        organisation=organisation_of(holder),
        rows=_rows(FIRST, SECOND),
        only_valid_rows=False,
    )
    assert len(result.items) == 2
    assert result.skipped_positions == []
    assert TechnologyOffer.objects.count() == 2


def test_an_unknown_column_refuses_even_the_valid_rows(holder):
    with pytest.raises(ImportRefused) as refusal:
        import_items(
            kind="offer",
            owner=holder,
            organisation=organisation_of(holder),
            rows=_rows([*FIRST, "x"], header=[*HEADER, "Comment"]),
            only_valid_rows=True,
        )
    assert refusal.value.messages == [
        "Some columns of the file are not understood; nothing was imported."
    ]
    assert _nothing_changed()


def test_a_file_without_a_good_row_imports_nothing(holder):
    with pytest.raises(ImportRefused) as refusal:
        import_items(
            kind="offer",
            owner=holder,
            organisation=organisation_of(holder),
            rows=_rows(BAD),
            only_valid_rows=True,
        )
    assert refusal.value.messages == ["No row can be imported; nothing was imported."]
    assert _nothing_changed()


def test_wrong_role_is_refused_and_nothing_changes(seeker):
    with pytest.raises(PermissionDenied):
        import_items(
            kind="offer",
            owner=seeker,
            organisation=organisation_of(seeker),
            rows=_rows(FIRST),
            only_valid_rows=False,
        )
    assert _nothing_changed()


def test_another_organisation_is_refused_and_nothing_changes(holder):
    with pytest.raises(PermissionDenied):
        import_items(
            kind="offer",
            owner=holder,
            organisation=OrganisationFactory(),
            rows=_rows(FIRST),
            only_valid_rows=False,
        )
    assert _nothing_changed()
