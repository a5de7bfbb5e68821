"""Print counts that describe the hand-written development data in bench/data/.

Run from the repository root:

    .venv/bin/python bench/data/stats.py

It reads only the files next to it and prints plain text (pasted into
bench/data/README.md). Plain Python, no Django, no third-party packages.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

DATA_DIRECTORY = Path(__file__).resolve().parent
MATCHING_DIRECTORIES = (DATA_DIRECTORY / "matching", DATA_DIRECTORY / "matching_b")
BITEXT_DIRECTORY = DATA_DIRECTORY / "bitext"
LANGUAGES = ("zh", "ru", "en")
# Keyword stems that mark the two themes the set covers in extra depth; a
# rough count, since a text may mention copper without being about it.
THEME_STEMS = {
    "copper/metallurgy": (
        "铜",
        "медь",
        "меди",
        "медн",
        "латун",
        "бронз",
        "copper",
        "brass",
        "bronze",
    ),
    "cold climate": (
        "零下",
        "严寒",
        "寒地",
        "寒区",
        "高寒",
        "冻土",
        "мерзлот",
        "арктик",
        "крайнего севера",
        "мороз",
        "arctic",
        "permafrost",
        "polar",
        "cold",
        "−3",
        "−4",
        "−5",
        "−6",
    ),
}


def read_items(path: Path) -> list[dict[str, str]]:
    """Return the JSON objects of a JSONL file, one per non-empty line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_tsv(path: Path) -> list[list[str]]:
    """Return the tab-separated fields of every non-empty line of a TSV file."""
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


def share(part: int, whole: int) -> str:
    """Format part/whole as 'part/whole (percent)'."""
    percent = 100.0 * part / whole if whole else 0.0
    return f"{part}/{whole} ({percent:.0f}%)"


def language_line(counter: Counter[str], total: int) -> str:
    """Format a per-language counter as 'zh N (p%), ru N (p%), en N (p%)'."""
    parts = []
    for language in LANGUAGES:
        percent = 100.0 * counter[language] / total if total else 0.0
        parts.append(f"{language} {counter[language]} ({percent:.0f}%)")
    return ", ".join(parts)


def print_matching_stats(directory: Path) -> None:
    """Print item, judgement and hard-negative counts of one matching set."""
    needs = read_items(directory / "needs.jsonl")
    offers = read_items(directory / "offers.jsonl")
    judgements = read_tsv(directory / "qrels.tsv")
    hard_negatives = read_tsv(directory / "hard_negatives.tsv")
    language_of = {item["id"]: item["lang"] for item in needs + offers}

    print(f"== {directory.name} ==")
    need_languages = Counter(item["lang"] for item in needs)
    offer_languages = Counter(item["lang"] for item in offers)
    print(f"needs:  {len(needs)}: " + language_line(need_languages, len(needs)))
    print(f"offers: {len(offers)}: " + language_line(offer_languages, len(offers)))

    print("domains (needs / offers):")
    need_fields = Counter(item["field"] for item in needs)
    offer_fields = Counter(item["field"] for item in offers)
    for field in sorted(set(need_fields) | set(offer_fields)):
        print(f"  {field:<28} {need_fields[field]:>3} / {offer_fields[field]:>3}")

    for theme, stems in THEME_STEMS.items():
        mentioning = [
            item
            for item in needs + offers
            if any(stem in (item["title"] + " " + item["text"]).lower() for stem in stems)
        ]
        theme_needs = sum(1 for item in mentioning if item["kind"] == "need")
        print(f"theme {theme}: {theme_needs} needs, {len(mentioning) - theme_needs} offers")

    grades = Counter(grade for _, _, grade in judgements)
    print(f"judged pairs: {len(judgements)} (grade 2: {grades['2']}, grade 1: {grades['1']})")
    cross = [row for row in judgements if language_of[row[0]] != language_of[row[1]]]
    cross_solving = [row for row in cross if row[2] == "2"]
    print("cross-language relevant pairs: " + share(len(cross), len(judgements)))
    print("cross-language grade-2 pairs:  " + share(len(cross_solving), grades["2"]))

    pair_languages = Counter(f"{language_of[n]}->{language_of[o]}" for n, o, _ in judgements)
    print("relevant pairs by need->offer language:")
    for pair, count in sorted(pair_languages.items()):
        print(f"  {pair}: {count}")

    relevant_by_need: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for need_id, offer_id, grade in judgements:
        relevant_by_need[need_id].append((offer_id, grade))
    solving_counts = [sum(1 for _, g in relevant_by_need[n["id"]] if g == "2") for n in needs]
    related_counts = [sum(1 for _, g in relevant_by_need[n["id"]] if g == "1") for n in needs]
    two_languages = sum(
        1
        for need in needs
        if len({language_of[offer_id] for offer_id, _ in relevant_by_need[need["id"]]}) >= 2
    )
    with_cross = sum(
        1
        for need in needs
        if any(language_of[o] != need["lang"] for o, _ in relevant_by_need[need["id"]])
    )
    print(
        f"grade-2 offers per need: min {min(solving_counts)}, max {max(solving_counts)}, "
        f"mean {sum(solving_counts) / len(needs):.2f}"
    )
    print(
        f"grade-1 offers per need: min {min(related_counts)}, max {max(related_counts)}, "
        f"mean {sum(related_counts) / len(needs):.2f}"
    )
    print("needs with relevant offers in 2+ languages: " + share(two_languages, len(needs)))
    print("needs with a relevant offer in another language: " + share(with_cross, len(needs)))
    hard_needs = len({row[0] for row in hard_negatives})
    print(f"hard negatives: {len(hard_negatives)} pairs over {hard_needs} needs")


def english_words(line: str) -> set[str]:
    """Return the lower-cased words of an English sentence, numbers included."""
    return {word.strip(".,;:()“”'%").lower() for word in line.split()} - {""}


def print_bitext_stats() -> None:
    """Print line counts, lengths, sections and near-duplicate distractors of the bitext."""
    print("== bitext ==")
    for language in LANGUAGES:
        path = BITEXT_DIRECTORY / f"{language}.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
        mean_length = sum(len(line) for line in lines) / max(len(lines), 1)
        print(f"{language}.txt: {len(lines)} lines, mean {mean_length:.0f} characters")
    kinds: Counter[str] = Counter()
    for first, last, kind in read_tsv(DATA_DIRECTORY / "bitext_sections.tsv"):
        kinds[kind] += int(last) - int(first) + 1
    print("sections: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    # A distractor is a sentence whose English version shares most words with
    # another one (it differs by a number, a place or one key term).
    english = [english_words(line) for line in (BITEXT_DIRECTORY / "en.txt").open(encoding="utf-8")]
    with_twin = set()
    for index, words in enumerate(english):
        for other in range(index + 1, len(english)):
            overlap = len(words & english[other]) / len(words | english[other])
            if overlap >= 0.6:
                with_twin.update((index, other))
    print(f"lines with a near-duplicate distractor (English word overlap >= 0.6): {len(with_twin)}")


def main() -> None:
    """Print all statistics."""
    for directory in MATCHING_DIRECTORIES:
        print_matching_stats(directory)
    if BITEXT_DIRECTORY.exists():
        print_bitext_stats()


if __name__ == "__main__":
    main()
