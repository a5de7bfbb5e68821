"""Translation catalogues: update, check and compile them.

    python scripts/i18n.py update    # extract strings into src/techbridge/locale/*/django.po
    python scripts/i18n.py check     # fail on a stale catalogue, a missing or fuzzy translation
    python scripts/i18n.py compile   # write the .mo files (pure Python, no gettext needed)

``check`` extracts the strings afresh and compares them with the committed catalogues, so
a string added to the code without ``update`` fails CI, as does any Chinese or Russian
entry left empty or fuzzy. English is the source language: its catalogue may leave
``msgstr`` empty (the English source text is shown).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "techbridge"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("zh_Hans", "ru", "en")
MUST_TRANSLATE = ("zh_Hans", "ru")
DOMAINS = ("django", "djangojs")


def _catalogue(language: str, domain: str = "django") -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def update() -> None:
    """Run Django's makemessages over the package (templates and Python)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "techbridge.settings.test"}
    command = [
        sys.executable,
        "-m",
        "django",
        "makemessages",
        "--no-location",
        "--no-obsolete",
        "--ignore=locale/*",
        *[f"--locale={language}" for language in LANGUAGES],
    ]
    subprocess.run(command, cwd=PACKAGE, env=environment, check=True, stdout=subprocess.DEVNULL)


def _entries(path: Path) -> set[tuple[str | None, str, str]]:
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in polib.pofile(str(path))}


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as saved:
        backup = Path(saved) / "locale"
        shutil.copytree(LOCALE, backup)
        try:
            update()
            for language in LANGUAGES:
                fresh = _entries(_catalogue(language))
                committed_path = backup / language / "LC_MESSAGES" / "django.po"
                committed = _entries(committed_path) if committed_path.exists() else set()
                for context, message, _plural in sorted(fresh - committed, key=str):
                    problems.append(
                        f"{language}: not in the catalogue (run `make messages`): {message!r}"
                        + (f" [context {context!r}]" if context else "")
                    )
                for context, message, _plural in sorted(committed - fresh, key=str):
                    problems.append(
                        f"{language}: obsolete entry (run `make messages`): {message!r}"
                        + (f" [context {context!r}]" if context else "")
                    )
        finally:
            shutil.rmtree(LOCALE)
            shutil.copytree(backup, LOCALE)
    for language in LANGUAGES:
        catalogue = polib.pofile(str(_catalogue(language)))
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(f"{language}: fuzzy translation of {entry.msgid!r}")
            if language in MUST_TRANSLATE and not entry.translated():
                problems.append(f"{language}: missing translation of {entry.msgid!r}")
            if entry.translated() and language in MUST_TRANSLATE:
                problems.extend(
                    f"{language}: {issue} in the translation of {entry.msgid!r}"
                    for issue in _placeholder_issues(entry)
                )
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} translation problem(s).", file=sys.stderr)
        return 1
    print("Translations complete: " + ", ".join(LANGUAGES))
    return 0


def _placeholders(text: str) -> set[str]:
    """Named placeholders (%(name)s, {name}) that a translation must keep."""
    return set(re.findall(r"%\(\w+\)[sdif]|\{\w+\}", text))


def _placeholder_issues(entry: polib.POEntry) -> list[str]:
    issues = []
    expected = _placeholders(entry.msgid)
    translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
    for translation in translations:
        missing = expected - _placeholders(translation)
        if missing and not entry.msgid_plural:
            issues.append(f"placeholder(s) {sorted(missing)} missing")
        extra = _placeholders(translation) - expected - _placeholders(entry.msgid_plural or "")
        if extra:
            issues.append(f"unknown placeholder(s) {sorted(extra)}")
    return issues


def compile_catalogues() -> None:
    for path in LOCALE.glob("*/LC_MESSAGES/*.po"):
        catalogue = polib.pofile(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    action = argv[0] if argv else ""
    if action == "update":
        update()
        return 0
    if action == "check":
        return check()
    if action == "compile":
        compile_catalogues()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
