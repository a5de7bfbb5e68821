"""The hand-written development data in bench/data/ is well formed.

Fast checks only: every line parses, ids are unique and consistent across
files, every need has an offer that solves it, the bitext files align, and
each text is written in the script of its declared language.
"""

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
MATCHING_SETS = [DATA / "matching", DATA / "matching_b"]
BITEXT = DATA / "bitext"
FIELDS = {
    "aerospace",
    "ai",
    "materials",
    "energy_saving_environment",
    "biomedicine",
    "education",
    "geoscience_mining",
    "ict",
    "advanced_manufacturing",
    "agriculture_food",
    "chemistry",
    "energy_storage",
}
HAN = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def _script_problem(text: str, language: str, minimum: int = 5) -> str | None:
    """Return why text does not look like language, or None when it does.

    Technical texts legitimately carry Latin units, formulas and grades
    (MPa, Cu–Cr–Zr, IACS), so a Chinese or Russian text only has to be
    mostly in its own script, free of the third script, and hold at least
    `minimum` letters of its own script.
    """
    han = len(HAN.findall(text))
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if language == "zh":
        if cyrillic or han < minimum or han < latin:
            return f"zh text has {han} Han, {cyrillic} Cyrillic, {latin} Latin letters"
    elif language == "ru":
        if han or cyrillic < minimum or cyrillic < 2 * latin:
            return f"ru text has {han} Han, {cyrillic} Cyrillic, {latin} Latin letters"
    elif language == "en":
        if han or cyrillic or latin < minimum:
            return f"en text has {han} Han, {cyrillic} Cyrillic, {latin} Latin letters"
    else:
        return f"unknown language {language!r}"
    return None


@pytest.fixture(params=MATCHING_SETS, ids=lambda path: path.name)
def matching(request) -> Path:
    """Each matching development set's directory."""
    return request.param


def _read_items(matching: Path, name: str) -> list[dict[str, str]]:
    lines = (matching / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _read_tsv(matching: Path, name: str) -> list[list[str]]:
    lines = (matching / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines]


@pytest.mark.parametrize(("name", "kind"), [("needs.jsonl", "need"), ("offers.jsonl", "offer")])
def test_matching_items_well_formed(matching, name, kind):
    items = _read_items(matching, name)
    assert items
    for item in items:
        assert set(item) == {"id", "title", "text", "lang", "kind", "field"}, item["id"]
        assert item["kind"] == kind, item["id"]
        assert item["field"] in FIELDS, item["id"]
        assert item["title"].strip() and item["text"].strip(), item["id"]


def test_matching_ids_unique_across_files(matching):
    ids = [
        item["id"]
        for item in _read_items(matching, "needs.jsonl") + _read_items(matching, "offers.jsonl")
    ]
    assert len(ids) == len(set(ids))


def test_matching_texts_written_in_script_of_language(matching):
    problems = []
    for item in _read_items(matching, "needs.jsonl") + _read_items(matching, "offers.jsonl"):
        for part, minimum in (("title", 2), ("text", 10)):
            problem = _script_problem(item[part], item["lang"], minimum)
            if problem:
                problems.append(f"{item['id']} {part}: {problem}")
    assert problems == []


def test_qrels_reference_existing_ids_with_valid_grades(matching):
    need_ids = {item["id"] for item in _read_items(matching, "needs.jsonl")}
    offer_ids = {item["id"] for item in _read_items(matching, "offers.jsonl")}
    pairs = set()
    for row in _read_tsv(matching, "qrels.tsv"):
        assert len(row) == 3, row
        need_id, offer_id, grade = row
        assert need_id in need_ids and offer_id in offer_ids, row
        assert grade in {"1", "2"}, row
        assert (need_id, offer_id) not in pairs, row
        pairs.add((need_id, offer_id))


def test_qrels_every_need_has_solving_offer(matching):
    solved = {row[0] for row in _read_tsv(matching, "qrels.tsv") if row[2] == "2"}
    need_ids = {item["id"] for item in _read_items(matching, "needs.jsonl")}
    assert need_ids - solved == set()


def test_hard_negatives_are_unjudged_existing_pairs(matching):
    need_ids = {item["id"] for item in _read_items(matching, "needs.jsonl")}
    offer_ids = {item["id"] for item in _read_items(matching, "offers.jsonl")}
    judged = {(row[0], row[1]) for row in _read_tsv(matching, "qrels.tsv")}
    for row in _read_tsv(matching, "hard_negatives.tsv"):
        assert len(row) == 3 and row[2].strip(), row
        assert row[0] in need_ids and row[1] in offer_ids, row
        assert (row[0], row[1]) not in judged, row


def test_bitext_files_aligned_without_empty_lines():
    lines = {
        language: (BITEXT / f"{language}.txt").read_text(encoding="utf-8").split("\n")
        for language in ("zh", "ru", "en")
    }
    for language, language_lines in lines.items():
        assert language_lines[-1] == "", f"{language}.txt must end with a newline"
        del language_lines[-1]
        assert all(line.strip() for line in language_lines), f"empty line in {language}.txt"
    assert len(lines["zh"]) == len(lines["ru"]) == len(lines["en"])


@pytest.mark.parametrize("language", ["zh", "ru", "en"])
def test_bitext_lines_written_in_script_of_language(language):
    lines = (BITEXT / f"{language}.txt").read_text(encoding="utf-8").splitlines()
    problems = []
    for number, line in enumerate(lines, start=1):
        problem = _script_problem(line, language)
        if problem:
            problems.append(f"{language}.txt line {number}: {problem}")
    assert problems == []


def test_bitext_sections_cover_every_line_once():
    line_count = len((BITEXT / "en.txt").read_text(encoding="utf-8").splitlines())
    rows = [line.split("\t") for line in (DATA / "bitext_sections.tsv").read_text().splitlines()]
    expected_first = 1
    for first, last, kind in rows:
        assert int(first) == expected_first and int(last) >= int(first), (first, last)
        assert kind in {"technical", "news"}, kind
        expected_first = int(last) + 1
    assert expected_first == line_count + 1


def test_matching_sets_share_no_ids():
    ids = [
        item["id"]
        for matching in MATCHING_SETS
        for name in ("needs.jsonl", "offers.jsonl")
        for item in _read_items(matching, name)
    ]
    assert len(ids) == len(set(ids))


def test_every_need_has_a_solving_offer_in_another_language(matching):
    language = {
        item["id"]: item["lang"]
        for name in ("needs.jsonl", "offers.jsonl")
        for item in _read_items(matching, name)
    }
    crossing = {
        row[0] for row in _read_tsv(matching, "qrels.tsv") if language[row[0]] != language[row[1]]
    }
    needs = {item["id"] for item in _read_items(matching, "needs.jsonl")}
    assert needs - crossing == set()
