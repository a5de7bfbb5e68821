"""An exported file imports again into the same content, in every format and kind."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from techbridge.accounts.enums import Role
from techbridge.catalogue.models import TechnologyField
from techbridge.catalogue.selectors import MODELS
from techbridge.catalogue.services.imports import import_items
from techbridge.catalogue.transfer.columns import groups_for
from techbridge.catalogue.transfer.readers import read_upload
from tests.accounts.factories import user_with_role
from tests.catalogue.factories import ExpertFactory, NeedFactory, OfferFactory
from tests.catalogue.transfer.conftest import organisation_of

TEXTS = {
    "zh": "铜基复合材料，强度高；导电好",
    "ru": "Медный композит: прочный, «проводящий»; 30 %",
    "en": '-40 °C rated, "quoted", with, commas',
}


def _fields(*codes):
    return list(TechnologyField.objects.filter(code__in=codes))


def _offer():
    return OfferFactory(
        source_language="ru",
        titles=TEXTS,
        summaries={"ru": TEXTS["ru"], "zh": TEXTS["zh"]},
        descriptions={"en": "Line one\nline two"},
        fields=_fields("materials.copper", "manufacturing.casting"),
        readiness_level=7,
        ip_status="patented",
        patents=["RU 2712345 C1", "CN 201910123456.7", "US 11234567 B2"],
        cooperation_forms=["licence", "joint_rd"],
        advantages={"ru": "На 30 % прочнее"},
        keywords={"ru": ["медь", "литьё"], "zh": ["铜", "铸造"]},
        target_industries={"zh": "轨道交通"},
        target_regions={"ru": "Свердловская область"},
    )


def _need():
    return NeedFactory(
        source_language="zh",
        titles={"zh": TEXTS["zh"], "ru": TEXTS["ru"]},
        fields=_fields("energy_saving.cold_climate"),
        target_parameters={"zh": "导热系数≤0.03"},
        minimum_readiness_level=5,
        budget_minimum=Decimal("1000000"),
        budget_maximum=Decimal("5000000"),
        currency="RUB",
        deadline=datetime.date(2026, 12, 31),
        cooperation_forms=["localisation"],
    )


def _expert():
    return ExpertFactory(
        source_language="ru",
        titles={"ru": "Порошковая металлургия", "zh": "粉末冶金"},
        display_names={"ru": "Иванов Пётр", "zh": "彼得·伊万诺夫"},
        academic_titles={"ru": "профессор"},
        fields=_fields("materials.metals"),
        spoken_languages=["ru", "en"],
        affiliations=["Институт физики металлов, УрО РАН", "Tsinghua University"],
        publications={"en": "Copper alloys, 2021"},
        availability={"zh": "每年两次"},
        open_to_visits=True,
        open_to_joint_labs=False,
        open_to_relocation=True,
    )


def _content(item):
    """Everything an import file carries of an item."""
    specific = MODELS[item.kind].objects.get(pk=item.pk)
    content = {
        group.attribute: getattr(specific, group.attribute)
        for group in groups_for(item.kind)
        if group.attribute != "fields"
    }
    content["fields"] = sorted(field.code for field in specific.fields.all())
    return content


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("kind", "make"), [("offer", _offer), ("need", _need), ("expert", _expert)]
)
@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_export_then_import_gives_the_same_content(client, db, file_format, kind, make, language):
    original = make()
    with override(language):
        url = reverse("catalogue_transfer:export")
    response = client.get(url, {"kind": kind, "format": file_format})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    importer = user_with_role(Role.ORGANISER)
    # Read back in another language than the export's: headers are understood anyway.
    with override("en"):
        result = import_items(
            kind=kind,
            owner=importer,
            organisation=organisation_of(importer),
            rows=read_upload(data, f"export.{file_format}"),
            only_valid_rows=False,
        )
    (copy,) = result.items
    assert copy.pk != original.pk
    assert _content(copy) == _content(original)
