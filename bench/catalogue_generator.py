"""Synthetic published technology offers for ``catalogue_bench.py``.

Offers are written in bulk: ``bulk_create`` for the parent ``CatalogueItem`` rows and the
field links, and one multi-row INSERT per batch for the ``TechnologyOffer`` rows (Django's
``bulk_create`` refuses multi-table inherited models). Texts are composed from
``catalogue_vocabulary``: Russian organisations write Russian first, Chinese ones
Chinese; nearly every offer also has the other language, some English.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, models, transaction
from django.utils import timezone

from catalogue_vocabulary import (
    APPLICATIONS,
    BENEFITS,
    CHINESE_CITIES,
    CHINESE_ORGANISATION_KINDS,
    CODE_PREFIXES,
    EVIDENCE,
    INCUMBENTS,
    PROCESSES,
    RUSSIAN_ORGANISATION_KINDS,
    RUSSIAN_REGIONS,
    SUBJECTS,
)
from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.enums import (
    CooperationForm,
    IntellectualPropertyStatus,
    ItemKind,
    ItemStatus,
)
from techbridge.catalogue.models import CatalogueItem, TechnologyField, TechnologyOffer
from techbridge.catalogue.search import index_items

ORGANISATIONS_PER_COUNTRY = 400
INSERT_BATCH = 2000
INDEX_BATCH = 1000
#: TRL 1–9, weighted towards the middle as in real calls for projects.
READINESS_WEIGHTS = {1: 1, 2: 2, 3: 5, 4: 8, 5: 9, 6: 9, 7: 7, 8: 4, 9: 2}


@dataclass(frozen=True)
class GenerationReport:
    """How much was written, and how long it took."""

    offers: int
    organisations: int
    postings: int
    generation_seconds: float
    indexing_seconds: float


@dataclass(frozen=True)
class _OfferTexts:
    titles: dict[str, str]
    summaries: dict[str, str]
    advantages: dict[str, str]
    keywords: dict[str, list[str]]
    source_language: str


@dataclass(frozen=True)
class _Author:
    organisation_id: int
    owner_id: int
    country: str


def _organisations(rng: random.Random) -> list[_Author]:
    """Russian and Chinese organisations, each with the user who publishes its offers."""
    specifications: list[tuple[dict[str, str], str, str]] = []
    for number in range(ORGANISATIONS_PER_COUNTRY):
        region = rng.choice(RUSSIAN_REGIONS)
        kind = rng.choice(RUSSIAN_ORGANISATION_KINDS)
        names = {
            "ru": f"{region[0]} {kind[0]} № {number + 1}",
            "zh": f"{region[1]}{kind[1]}（第{number + 1}号）",
            "en": f"{region[2]} {kind[2]} No. {number + 1}",
        }
        specifications.append((names, kind[3], "RU"))
        city = rng.choice(CHINESE_CITIES)
        kind = rng.choice(CHINESE_ORGANISATION_KINDS)
        names = {
            "zh": f"{city[1]}{kind[1]}（{number + 1}）",
            "ru": f"{kind[0]} г. {city[0]} № {number + 1}",
            "en": f"{city[2]} {kind[2]} No. {number + 1}",
        }
        specifications.append((names, kind[3], "CN"))
    organisations = Organisation.objects.bulk_create(
        Organisation(names=names, organisation_type=kind, country=country, is_verified=True)
        for names, kind, country in specifications
    )
    owners = User.objects.bulk_create(
        User(
            email=f"holder{number}@bench.example",
            full_name=f"Holder {number}",
            password="!",  # unusable: nobody signs in as a benchmark user
        )
        for number in range(len(organisations))
    )
    return [
        _Author(organisation.pk, owner.pk, organisation.country)
        for organisation, owner in zip(organisations, owners, strict=True)
    ]


def _texts(rng: random.Random, subfield: str, country: str) -> _OfferTexts:
    """Title, summary, advantage and keywords of one offer in its languages."""
    root = subfield.split(".")[0]
    subject = rng.choice(SUBJECTS[subfield])
    partner = rng.choice(SUBJECTS[rng.choice([code for code in SUBJECTS if code.startswith(root)])])
    application = rng.choice(APPLICATIONS[root])
    process = rng.choice(PROCESSES)
    benefit = rng.choice(BENEFITS)
    incumbent = rng.choice(INCUMBENTS)
    evidence = rng.sample(EVIDENCE, 2)
    percent = rng.randint(12, 60)
    code = ""
    if rng.random() < 0.3:
        code = f"{rng.choice(CODE_PREFIXES)}{rng.randint(100, 99999)}"
    ru_code, zh_code, en_code = (
        (f" «{code}»", f"（{code}）", f" “{code}”") if code else ("", "", "")
    )
    available = {
        "ru": {
            "title": f"{process[0]} {subject[1]} {application[0]}{ru_code}",
            "summary": (
                f"{subject[0].capitalize()} позволяет {benefit[0]} на {percent} % "
                f"по сравнению с {incumbent[0]}. Совместимо с решениями класса «{partner[0]}». "
                f"{evidence[0][0]} {evidence[1][0]}"
            ),
            "advantage": f"Позволяет {benefit[0]} на {percent} %.",
        },
        "zh": {
            "title": f"{application[1]}{subject[2]}{process[1]}{zh_code}",
            "summary": (
                f"与{incumbent[1]}相比，{subject[2]}{benefit[1]}{percent}%。"
                f"可与{partner[2]}配套使用。{evidence[0][1]}{evidence[1][1]}"
            ),
            "advantage": f"{benefit[1]}{percent}%。",
        },
        "en": {
            "title": f"{process[2]} {subject[3]} {application[2]}{en_code}",
            "summary": (
                f"The {subject[3]} {benefit[2]} by {percent}% compared with {incumbent[2]}. "
                f"Works with {partner[3]} solutions. {evidence[0][2]} {evidence[1][2]}"
            ),
            "advantage": f"{benefit[2].capitalize()} by {percent}%.",
        },
    }
    source = "ru" if country == "RU" else "zh"
    other = "zh" if source == "ru" else "ru"
    languages = [source]
    if rng.random() < 0.92:
        languages.append(other)
    if rng.random() < (0.25 if source == "ru" else 0.4) or len(languages) == 1:
        languages.append("en")
    return _OfferTexts(
        titles={language: available[language]["title"] for language in languages},
        summaries={language: available[language]["summary"] for language in languages},
        advantages={language: available[language]["advantage"] for language in languages},
        keywords={"ru": [subject[0], partner[0]], "zh": [subject[2], partner[2]]},
        source_language=source,
    )


def _offer(
    rng: random.Random, author: _Author, subfield: str, now: datetime, number: int
) -> TechnologyOffer:
    texts = _texts(rng, subfield, author.country)
    # Seven minutes apart on average: 100,000 offers span about 16 months.
    published_at = now - timedelta(minutes=number * 7 + rng.randint(0, 6))
    readiness_level = rng.choices(list(READINESS_WEIGHTS), list(READINESS_WEIGHTS.values()))[0]
    forms = rng.sample(CooperationForm.values, rng.randint(1, 3))
    ip_status = rng.choice(IntellectualPropertyStatus.values)
    patents = [f"RU{rng.randint(2600000, 2820000)}C1"] if ip_status == "patented" else []
    return TechnologyOffer(
        kind=ItemKind.OFFER,
        owner_id=author.owner_id,
        organisation_id=author.organisation_id,
        source_language=texts.source_language,
        titles=texts.titles,
        summaries=texts.summaries,
        descriptions={},
        cooperation_forms=forms,
        keywords=texts.keywords,
        status=ItemStatus.PUBLISHED,
        status_changed_at=published_at,
        submitted_at=published_at - timedelta(days=2),
        published_at=published_at,
        expires_at=published_at + timedelta(days=365),
        readiness_level=readiness_level,
        ip_status=ip_status,
        patents=patents,
        advantages=texts.advantages,
    )


def _insert_rows(model: type[models.Model], objects: list[models.Model]) -> None:
    """INSERT the model's own table rows of ``objects`` (no parent rows) in one statement."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection)
        for instance in objects
        for field in fields
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([row] * len(objects)), values
        )


def _write_offers(offers: list[TechnologyOffer], subfields: list[list[int]]) -> None:
    parent_fields = [
        field.attname for field in CatalogueItem._meta.concrete_fields if not field.primary_key
    ]
    parents = CatalogueItem.objects.bulk_create(
        CatalogueItem(**{name: getattr(offer, name) for name in parent_fields}) for offer in offers
    )
    for offer, parent in zip(offers, parents, strict=True):
        offer.pk = offer.catalogueitem_ptr_id = parent.pk
    _insert_rows(TechnologyOffer, list(offers))
    link = CatalogueItem.fields.through
    link.objects.bulk_create(
        link(catalogueitem_id=offer.pk, technologyfield_id=field_id)
        for offer, field_ids in zip(offers, subfields, strict=True)
        for field_id in field_ids
    )


def generate_catalogue(
    count: int, seed: int, report_progress: Callable[[str], None]
) -> GenerationReport:
    """Write ``count`` published offers with their organisations, then index them."""
    rng = random.Random(seed)
    started = time.perf_counter()
    subfield_ids = dict(
        TechnologyField.objects.filter(code__in=list(SUBJECTS)).values_list("code", "pk")
    )
    missing = sorted(set(SUBJECTS) - set(subfield_ids))
    if missing:
        raise SystemExit(f"the taxonomy lacks the vocabulary's fields: {', '.join(missing)}")
    codes = sorted(subfield_ids)
    with transaction.atomic():
        authors = _organisations(rng)
    now = timezone.now()
    for start in range(0, count, INSERT_BATCH):
        offers: list[TechnologyOffer] = []
        fields: list[list[int]] = []
        for number in range(start, min(count, start + INSERT_BATCH)):
            subfield = rng.choice(codes)
            author = rng.choice(authors)
            offers.append(_offer(rng, author, subfield, now, number))
            linked = [subfield_ids[subfield]]
            if rng.random() < 0.3:
                second = subfield_ids[rng.choice(codes)]
                if second not in linked:
                    linked.append(second)
            fields.append(linked)
        with transaction.atomic():
            _write_offers(offers, fields)
        report_progress(f"written {min(count, start + INSERT_BATCH):,} / {count:,} offers")
    generation_seconds = time.perf_counter() - started

    started = time.perf_counter()
    postings = 0
    identifiers = list(TechnologyOffer.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(identifiers), INDEX_BATCH):
        chunk = identifiers[start : start + INDEX_BATCH]
        with transaction.atomic():
            postings += index_items(TechnologyOffer.objects.filter(pk__in=chunk))
        report_progress(f"indexed {start + len(chunk):,} / {len(identifiers):,} offers")
    indexing_seconds = time.perf_counter() - started
    return GenerationReport(
        offers=count,
        organisations=len(authors),
        postings=postings,
        generation_seconds=generation_seconds,
        indexing_seconds=indexing_seconds,
    )
