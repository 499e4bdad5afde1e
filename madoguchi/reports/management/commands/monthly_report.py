"""Write the monthly report PDF: `manage.py monthly_report --month 2026-11 [--output FILE]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.reports.forms import parse_month
from madoguchi.reports.selectors import monthly_report_pdf


class Command(BaseCommand):
    help = "Write the monthly report (A4 PDF, Japanese) for one month."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-11")
        parser.add_argument("--output", help="file to write (default: monthly-report-YYYY-MM.pdf)")

    def handle(self, *args: Any, **options: Any) -> None:
        month = parse_month(options["month"])
        if month is None:
            raise CommandError("--month must look like 2026-11")
        output = Path(options["output"] or f"monthly-report-{month:%Y-%m}.pdf")
        output.write_bytes(monthly_report_pdf(month=month))
        self.stdout.write(f"wrote {output}")
