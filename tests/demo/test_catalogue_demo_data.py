"""The demo catalogue (offers, needs, experts and their organisations) is consistent.

Plain JSON checks, no database: every file parses, every reference resolves, every text
is in the language its key claims, and the counts the issue asks for are met.
"""

import datetime
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import techbridge

PACKAGE_DIR = Path(techbridge.__file__).resolve().parent
DEMO_DATA_DIR = PACKAGE_DIR / "demo" / "data"
CATALOGUE_DIR = DEMO_DATA_DIR / "catalogue"
FIELDS_FILE = PACKAGE_DIR / "catalogue" / "data" / "technology_fields.json"

LANGUAGES = {"zh", "ru", "en"}
KINDS = ("offers", "needs", "experts")
MINIMUM_COUNTS = {"organisations": 20, "offers": 64, "needs": 32, "experts": 32}
ORGANISATION_TYPES = {
    "enterprise",
    "university",
    "institute",
    "park",
    "investor",
    "association",
    "government",
    "media",
}
IP_STATUSES = {"patented", "patent_pending", "know_how", "software", "none"}
COOPERATION_FORMS = {"licence", "joint_rd", "joint_venture", "sale", "localisation", "investment"}
CURRENCIES = {"CNY", "RUB", "USD"}
PATENT_FORMATS = [
    re.compile(r"RU \d{6,7} (C1|C2|U1)"),
    re.compile(r"EA \d{6} B1"),
    re.compile(r"CN \d{9} [ABU]"),
    re.compile(r"WO \d{4}/\d{6}"),
    re.compile(r"US \d{2},\d{3},\d{3} B[12]"),
    re.compile(r"EP \d{7} (A1|B1)"),
]
# Fields whose values are {language: text} or {language: [keywords]}.
TEXT_FIELDS = {
    "offers": (
        "titles",
        "summaries",
        "descriptions",
        "advantages",
        "target_industries",
        "target_regions",
        "keywords",
    ),
    "needs": (
        "titles",
        "summaries",
        "descriptions",
        "target_industries",
        "target_regions",
        "target_parameters",
        "keywords",
    ),
    "experts": (
        "display_names",
        "academic_title",
        "titles",
        "summaries",
        "keywords",
        "publications",
        "availability",
    ),
}
# A lower-case Latin word of four letters or more inside Chinese or Russian text is an
# untranslated English word; units (mm, kW, kbit/s), formulas (CuCrZr) and model codes pass.
ENGLISH_WORD = re.compile(r"\b[a-z]{4,}\b(?!/)")


def _read(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def _catalogue(kind: str) -> list[dict[str, Any]]:
    return _read(CATALOGUE_DIR / f"{kind}.json")


def _field_codes() -> set[str]:
    codes = set()
    for domain in _read(FIELDS_FILE):
        codes.add(domain["code"])
        codes.update(child["code"] for child in domain.get("children", []))
    return codes


def _organisation_keys() -> set[str]:
    return {row["key"] for row in _read(DEMO_DATA_DIR / "organisations.json")} | {
        row["key"] for row in _catalogue("organisations")
    }


def _script_counts(text: str) -> dict[str, int]:
    """Count the letters of a text by script: Han, Cyrillic and Latin."""
    counts = {"han": 0, "cyrillic": 0, "latin": 0}
    for character in text:
        if not character.isalpha():
            continue
        name = unicodedata.name(character, "")
        if name.startswith("CJK"):
            counts["han"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        elif name.startswith("LATIN"):
            counts["latin"] += 1
    return counts


def _script_problem(language: str, text: str) -> str | None:
    """Say why a text is not written in `language`, or return None when it is."""
    counts = _script_counts(text)
    if language == "zh":
        if counts["cyrillic"] or counts["han"] <= counts["latin"]:
            return "not mostly Han characters"
    elif language == "ru":
        if counts["han"] or counts["cyrillic"] <= counts["latin"]:
            return "not mostly Cyrillic letters"
    elif counts["han"] or counts["cyrillic"] or not counts["latin"]:
        return "not Latin letters only"
    if language in {"zh", "ru"} and ENGLISH_WORD.search(text):
        return f"contains the English word {ENGLISH_WORD.search(text).group()!r}"
    return None


def _texts(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("kind", ["organisations", *KINDS])
def test_catalogue_file_has_unique_keys_and_minimum_count(kind):
    rows = _catalogue(kind)
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys))
    assert len(rows) >= MINIMUM_COUNTS[kind]


def test_catalogue_keys_are_unique_across_all_files():
    keys = [row["key"] for kind in ["organisations", *KINDS] for row in _catalogue(kind)]
    keys += [row["key"] for row in _read(DEMO_DATA_DIR / "organisations.json")]
    assert len(keys) == len(set(keys))


def test_catalogue_organisations_are_complete_and_named_uniquely():
    rows = _catalogue("organisations")
    existing_english_names = {
        row["names"]["en"] for row in _read(DEMO_DATA_DIR / "organisations.json")
    }
    for row in rows:
        assert row["type"] in ORGANISATION_TYPES, row["key"]
        assert row["country"] in {"CN", "RU"}, row["key"]
        assert set(row["names"]) == LANGUAGES, row["key"]
        assert set(row["regions"]) == LANGUAGES, row["key"]
        assert set(row.get("descriptions", {})) <= LANGUAGES, row["key"]
        assert row["website"].startswith("https://"), row["key"]
        assert row["website"].endswith((".example.ru", ".example.cn")), row["key"]
        for language, text in row["names"].items():
            assert _script_problem(language, text) is None, (row["key"], language, text)
    # The demo loader finds an organisation by its English name.
    english_names = [row["names"]["en"] for row in rows]
    assert len(english_names) == len(set(english_names))
    assert not set(english_names) & existing_english_names


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_items_reference_existing_organisations(kind):
    known = _organisation_keys()
    for row in _catalogue(kind):
        assert row["organisation"] in known, row["key"]
        for affiliation in row.get("affiliations", []):
            organisation = affiliation["organisation"]
            if isinstance(organisation, str):
                assert organisation in known, row["key"]
            else:
                assert set(organisation) == LANGUAGES, row["key"]


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_items_use_existing_field_codes(kind):
    codes = _field_codes()
    for row in _catalogue(kind):
        assert row["fields"], row["key"]
        assert set(row["fields"]) <= codes, (row["key"], set(row["fields"]) - codes)


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_text_dicts_use_only_known_languages(kind):
    for row in _catalogue(kind):
        assert row["source_language"] in LANGUAGES, row["key"]
        for field in TEXT_FIELDS[kind]:
            if field in row:
                assert set(row[field]) <= LANGUAGES, (row["key"], field)
                assert all(row[field].values()), (row["key"], field)


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_titles_and_summaries_have_source_and_second_language(kind):
    for row in _catalogue(kind):
        for field in ("titles", "summaries"):
            assert row["source_language"] in row[field], (row["key"], field)
            assert len(row[field]) >= 2, (row["key"], field)


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_texts_are_written_in_the_script_of_their_language(kind):
    problems = []
    for row in _catalogue(kind):
        for field in TEXT_FIELDS[kind]:
            for language, value in row.get(field, {}).items():
                for text in _texts(value):
                    problem = _script_problem(language, text)
                    if problem:
                        problems.append((row["key"], field, language, problem))
    assert problems == []


def test_catalogue_offers_have_valid_readiness_and_intellectual_property():
    for row in _catalogue("offers"):
        assert 1 <= row["trl"] <= 9, row["key"]
        assert row["ip_status"] in IP_STATUSES, row["key"]
        patents = row.get("patents", [])
        if row["ip_status"] in {"patented", "patent_pending"}:
            assert patents, row["key"]
        else:
            assert patents == [], row["key"]
        for patent in patents:
            assert any(pattern.fullmatch(patent) for pattern in PATENT_FORMATS), (
                row["key"],
                patent,
            )
        assert row["cooperation_forms"], row["key"]
        assert set(row["cooperation_forms"]) <= COOPERATION_FORMS, row["key"]


def test_catalogue_needs_have_valid_budget_deadline_and_readiness():
    for row in _catalogue("needs"):
        assert 1 <= row["trl_min"] <= 9, row["key"]
        assert 0 < row["budget_min"] <= row["budget_max"], row["key"]
        assert row["currency"] in CURRENCIES, row["key"]
        assert datetime.date.fromisoformat(row["deadline"]).year >= 2026, row["key"]
        assert row["target_parameters"], row["key"]
        assert set(row["cooperation_forms"]) <= COOPERATION_FORMS, row["key"]


def test_catalogue_experts_have_valid_languages_and_affiliations():
    for row in _catalogue("experts"):
        assert set(row["languages"]) <= LANGUAGES, row["key"]
        assert row["source_language"] in row["display_names"], row["key"]
        assert row["affiliations"], row["key"]
        for affiliation in row["affiliations"]:
            assert affiliation["to"] is None or affiliation["from"] <= affiliation["to"], row["key"]
        for flag in ("open_to_visits", "open_to_joint_labs", "open_to_relocation"):
            assert isinstance(row[flag], bool), row["key"]


def test_catalogue_offers_cover_every_domain_at_least_three_times():
    per_domain: dict[str, int] = {}
    for row in _catalogue("offers"):
        domain = row["fields"][0].split(".")[0]
        per_domain[domain] = per_domain.get(domain, 0) + 1
    domains = {domain["code"] for domain in _read(FIELDS_FILE)}
    assert {
        domain: per_domain.get(domain, 0) for domain in domains if per_domain.get(domain, 0) < 3
    } == {}


def test_catalogue_languages_follow_the_requested_mix():
    offers = [row["source_language"] for row in _catalogue("offers")]
    needs = [row["source_language"] for row in _catalogue("needs")]
    assert offers.count("ru") > len(offers) / 2
    assert offers.count("zh") >= 10 and offers.count("en") >= 5
    assert needs.count("zh") > len(needs) / 2
    assert needs.count("ru") >= 5


def test_catalogue_showcase_pairs_name_existing_items():
    offer_keys = {row["key"] for row in _catalogue("offers")}
    need_keys = {row["key"] for row in _catalogue("needs")}
    text = (CATALOGUE_DIR / "pairs.md").read_text(encoding="utf-8")
    named = re.findall(r"`((?:need|offer)-[a-z0-9-]+)`", text)
    assert {key for key in named if key.startswith("need-")} <= need_keys
    assert {key for key in named if key.startswith("offer-")} <= offer_keys
    assert len({key for key in named if key.startswith("need-")}) >= 8
