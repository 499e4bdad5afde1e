"""Time the shipping exports (CSV, XLSX, label PDF) for N synthetic requests and write the figures into docs/.

Nothing is written to the database: the requests are unsaved model instances with fictional data.
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from madoguchi.outreach import export
from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest

OUTPUT = Path(settings.BASE_DIR) / "docs" / "outreach-export-benchmark.md"


def _requests(count: int) -> list[GuidebookRequest]:
    edition = GuidebookEdition(name="2026年度版 ガイドブック", published_on=dt.date(2026, 4, 1), stock=0)
    return [
        GuidebookRequest(
            reference=f"GB-2026-{i + 1:05d}",
            edition=edition,
            copies=1 + i % 20,
            organization=f"株式会社サンプル商事{i}号店",
            department="総務部" if i % 2 else "",
            person_name=f"架空 花子{i}",
            postal_code=f"{100 + i % 900:03d}-{i % 10000:04d}",
            prefecture="東京都",
            address=f"新宿区西新宿2-8-{i % 50 + 1} サンプルビル{i % 30 + 1}階",
            phone=f"03-0000-{i % 10000:04d}",
            email=f"user{i}@sample.example.jp",
            received_at=timezone.now(),
        )
        for i in range(count)
    ]


def _time(
    fn: Callable[[Sequence[GuidebookRequest]], bytes], rows: list[GuidebookRequest], runs: int
) -> tuple[float, int]:
    fn(rows[:12])  # warm-up (font registration, imports)
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn(rows))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


class Command(BaseCommand):
    help = "Measure CSV/XLSX/label-PDF export time for N synthetic guidebook requests; writes the figures into docs/"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, nargs="+", default=[12, 120, 1200])
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--no-write", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        lines = [
            "# Guidebook shipping exports: timings",
            "",
            "Written by `python manage.py bench_guidebook_export` (median of "
            f"{options['runs']} runs after a warm-up; unsaved synthetic requests, no database).",
            "",
            f"Measured {timezone.localtime():%Y-%m-%d %H:%M} on {platform.machine()} "
            f"{platform.python_implementation()} {platform.python_version()}, 2 shared CPUs.",
            "",
            "| requests | CSV | XLSX | label PDF (12 per A4 sheet) | PDF size |",
            "|---:|---:|---:|---:|---:|",
        ]
        for count in options["requests"]:
            rows = _requests(count)
            csv_s, _ = _time(export.to_csv, rows, options["runs"])
            xlsx_s, _ = _time(export.to_xlsx, rows, options["runs"])
            pdf_s, pdf_size = _time(export.to_label_pdf, rows, options["runs"])
            timings = f"{csv_s * 1000:.1f} ms | {xlsx_s * 1000:.1f} ms | {pdf_s * 1000:.1f} ms"
            line = f"| {count} | {timings} | {pdf_size / 1024:.0f} KB |"
            lines.append(line)
            self.stdout.write(line)
        if not options["no_write"]:
            OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
            self.stdout.write(f"written to {OUTPUT}")
