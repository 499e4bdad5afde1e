"""Time the year of sample consultations, the dashboard's tables, the exports and the monthly PDF.

Runs inside a transaction that is rolled back, so the database is left as it was. Figures go to
docs/reports-performance.md (never into tests).
"""

from __future__ import annotations

import datetime as dt
import platform
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.cases import demo_history
from madoguchi.cases.models import Tag
from madoguchi.reports import exports
from madoguchi.reports.handbook import build, handbook_pdf
from madoguchi.reports.sections import build_report, default_period
from madoguchi.reports.selectors import monthly_report_pdf

HEADER = (
    "# Reports: measured figures\n\nWritten by `manage.py bench_reports` (docs are the only place for speed figures).\n"
)


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the reports on a year of sample consultations (rolled back); writes docs/reports-performance.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=demo_history.COUNT)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "reports-performance.md"))

    def handle(self, *args: Any, **options: Any) -> None:
        figures: list[tuple[str, float]] = []

        def timed(label: str, fn: Any) -> Any:
            start = time.perf_counter()
            result = fn()
            figures.append((label, time.perf_counter() - start))
            return result

        try:
            with transaction.atomic():
                front = User.objects.create(username="bench-front", role=Role.FRONT)
                back = User.objects.create(username="bench-back", role=Role.BACK)
                Tag.objects.filter(name=demo_history.TAG).delete()
                count = options["count"]
                timed(
                    f"seed {count} consultations (bulk)", lambda: demo_history.seed(front=front, back=back, count=count)
                )
                period = default_period()
                tables = timed("dashboard tables, 12 months", lambda: build_report(period))
                timed("CSV export, 12 months", lambda: exports.to_csv(tables))
                timed("XLSX export, 12 months", lambda: exports.to_xlsx(tables, title="bench"))
                today = timezone.localdate()
                last = dt.date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
                timed("monthly report PDF", lambda: monthly_report_pdf(month=last))
                book = timed("handbook build", build)
                timed("handbook PDF", lambda: handbook_pdf(book))
                raise _Rollback
        except _Rollback:
            pass
        section = "\n".join(
            [
                f"## {connection.vendor}",
                "",
                f"`manage.py bench_reports --count {options['count']}` on {timezone.localdate():%Y-%m-%d},"
                f" Python {platform.python_version()}, shared 2-core machine under load; everything rolled back.",
                "",
                "| step | seconds |",
                "|---|---|",
                *[f"| {label} | {seconds:.2f} |" for label, seconds in figures],
                "",
            ]
        )
        output = Path(options["output"])
        # One section per database: running on the other database keeps this one's figures.
        parts = output.read_text(encoding="utf-8").split("\n## ") if output.exists() else [HEADER]
        kept = [p for p in parts[1:] if not p.startswith(f"{connection.vendor}\n")]
        body = "\n## ".join([parts[0].rstrip("\n") + "\n", *[p.rstrip("\n") + "\n" for p in kept]])
        output.write_text(body.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        for label, seconds in figures:
            self.stdout.write(f"{label}: {seconds:.2f} s")
