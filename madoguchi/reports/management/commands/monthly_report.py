"""Write the monthly report PDF: `manage.py monthly_report [--month 2026-11] [--output FILE]`.

Without `--month` it is the month before today's month in the desk's time zone (the timer runs it on the 1st,
deploy/systemd/madoguchi-job@monthly_report.timer); without `--output` the file goes to the data dir
(`DATA_DIR/reports/monthly-report-YYYY-MM.pdf`), the one folder the service may write to and the backup keeps.
The file appears whole or not at all (`core.datadir.atomic_write`: a temporary file the backup skips, fsync,
rename)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from madoguchi.core import datadir
from madoguchi.reports.forms import parse_month
from madoguchi.reports.selectors import monthly_report_pdf


def previous_month(today: dt.date) -> dt.date:
    """The first day of the month before `today`'s month."""
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


class Command(BaseCommand):
    help = "Write the monthly report (A4 PDF, Japanese) for one month (default: last month, into the data dir)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM, e.g. 2026-11 (default: the month before this one)")
        parser.add_argument("--output", help="file to write (default: DATA_DIR/reports/monthly-report-YYYY-MM.pdf)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["month"]:
            month = parse_month(options["month"])
            if month is None:
                raise CommandError("--month must look like 2026-11")
        else:
            month = previous_month(timezone.localdate())
        default = Path(settings.DATA_DIR) / "reports" / f"monthly-report-{month:%Y-%m}.pdf"
        output = Path(options["output"]) if options["output"] else default
        datadir.atomic_write(path=output, data=monthly_report_pdf(month=month))
        self.stdout.write(f"wrote {output}")
