"""Speed of catalogue import and export (1,000 rows: twice the default import limit).

Creates a throw-away SQLite database in a temporary folder, migrates it, and measures
in process, with medians over repeats:

- reading an upload of N offers (CSV, XLSX, JSON) and checking every row, which the
  preview page does on each view;
- the import itself (``import_items``: N drafts through ``create_item``, search postings
  included, committed; the embedding jobs the new items announce are queued in the
  database, as in production, not run);
- exporting the N items as CSV, XLSX and JSON.

The rows are Russian offers with Chinese titles, three technology fields, a patent number
and two cooperation forms, so that every check runs; reading and checking is also timed
on a file with one bad row in ten.

    OMP_NUM_THREADS=1 .venv/bin/python bench/catalogue_transfer_bench.py [--rows 1000] [--repeats 5]

Figures are printed and written to ``bench/out/catalogue_transfer.json``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def _median_seconds(action: Callable[[], Any], repeats: int) -> float:
    timings = []
    for _repeat in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _rows(count: int, *, bad_every: int = 0) -> list[dict[str, Any]]:
    rows = []
    for number in range(count):
        bad = bad_every and number % bad_every == bad_every - 1
        rows.append(
            {
                "source_language": "ru",
                "title_ru": f"Технология непрерывного литья медных сплавов, вариант {number}",
                "title_zh": f"铜合金连续铸造技术（方案{number}）",
                "summary_ru": "Прочные медные композиты с высокой электропроводностью "
                "для контактных проводов железных дорог.",
                "summary_zh": "用于电气化铁路接触线的高强度、高导电铜基复合材料。",
                "fields": "materials.copper; manufacturing.casting; energy.grid",
                "readiness_level": 12 if bad else 1 + number % 9,
                "patents": "RU 2712345 C1",
                "cooperation_forms": "licence; joint_rd",
                "keywords_ru": "медный сплав; литьё",
            }
        )
    return rows


def _files(rows: list[dict[str, Any]]) -> dict[str, bytes]:
    header = list(rows[0])
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[key] for key in header])
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([row[key] for key in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    objects = []
    for row in rows:
        item: dict[str, Any] = {"source_language": row["source_language"]}
        item["title"] = {"ru": row["title_ru"], "zh": row["title_zh"]}
        item["summary"] = {"ru": row["summary_ru"], "zh": row["summary_zh"]}
        item["fields"] = [code.strip() for code in row["fields"].split(";")]
        item["readiness_level"] = row["readiness_level"]
        item["patents"] = [row["patents"]]
        item["cooperation_forms"] = ["licence", "joint_rd"]
        item["keywords"] = {"ru": ["медный сплав", "литьё"]}
        objects.append(item)
    return {
        "csv": text.getvalue().encode("utf-8"),
        "xlsx": buffer.getvalue(),
        "json": json.dumps(objects, ensure_ascii=False).encode("utf-8"),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["TECHBRIDGE_VAR_DIR"] = folder
        os.environ["DJANGO_SETTINGS_MODULE"] = "techbridge.settings.test"
        # Django is configured by the environment set just above, so it is imported here.
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import override_settings

        # As in production, the embedding jobs that new items announce are queued in the
        # database for a worker (the test settings would run them at once, in process);
        # overriding sends the signal that makes django-tasks pick the new backend.
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            CATALOGUE_IMPORT_MAX_ROWS=max(arguments.rows, 500),
        ).enable()

        from techbridge.accounts.enums import MembershipStatus, Role
        from techbridge.accounts.models import Membership, Organisation, User
        from techbridge.catalogue.models import CatalogueItem
        from techbridge.catalogue.selectors import CatalogueFilters
        from techbridge.catalogue.services.imports import import_items
        from techbridge.catalogue.transfer import writers
        from techbridge.catalogue.transfer.readers import read_upload
        from techbridge.catalogue.transfer.selectors import export_entries, items_for_export
        from techbridge.catalogue.transfer.validation import check_rows

        call_command("migrate", verbosity=0)
        owner = User.objects.create_user("holder@example.com", full_name="Bench holder")
        organisation = Organisation.objects.create(
            names={"ru": "Институт литья"},
            organisation_type="institute",
            country="RU",
            is_verified=True,
        )
        Membership.objects.create(
            user=owner,
            organisation=organisation,
            role=Role.TECHNOLOGY_HOLDER,
            status=MembershipStatus.ACTIVE,
        )
        clean = _files(_rows(arguments.rows))
        with_bad_rows = _files(_rows(arguments.rows, bad_every=10))
        figures: dict[str, float] = {}
        for file_format in ("csv", "xlsx", "json"):
            for label, files in (("clean", clean), ("1 bad row in 10", with_bad_rows)):
                data = files[file_format]
                figures[f"read+check {file_format}, {label}"] = _median_seconds(
                    lambda data=data, file_format=file_format: check_rows(
                        "offer", read_upload(data, f"offers.{file_format}")
                    ),
                    arguments.repeats,
                )

        import_timings = []
        for repeat in range(arguments.repeats):
            if repeat:
                # Start each repeat from an empty catalogue (the deletion is not timed).
                CatalogueItem.objects.all().delete()
            start = time.perf_counter()
            import_items(
                kind="offer",
                owner=owner,
                organisation=organisation,
                rows=read_upload(clean["csv"], "offers.csv"),
                only_valid_rows=False,
            )
            import_timings.append(time.perf_counter() - start)
        figures["import (create drafts), csv"] = statistics.median(import_timings)
        assert CatalogueItem.objects.count() == arguments.rows
        export_writers: dict[str, Callable[[Any], Any]] = {
            "csv": lambda items: "".join(writers.write_csv("offer", items)),
            "xlsx": lambda items: writers.write_xlsx("offer", items),
            "json": lambda items: "".join(writers.write_json("offer", items)),
        }
        for file_format, write in export_writers.items():
            figures[f"export {file_format} (owner's items)"] = _median_seconds(
                lambda write=write: write(
                    export_entries(items_for_export("offer", CatalogueFilters(), owner=owner))
                ),
                arguments.repeats,
            )
    width = max(len(name) for name in figures)
    print(f"{arguments.rows} rows, median of {arguments.repeats} repeats")
    for name, seconds in figures.items():
        print(f"{name:<{width}}  {seconds * 1000:9.1f} ms")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "catalogue_transfer.json").write_text(
        json.dumps(
            {"rows": arguments.rows, "repeats": arguments.repeats, "seconds": figures}, indent=2
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
