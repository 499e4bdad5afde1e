"""Anonymise personal data past its retention period: `manage.py apply_retention [--dry-run]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from madoguchi.reports.services import apply_retention


class Command(BaseCommand):
    help = "Remove personal data from records past their retention period (statistics stay). Audit-logged."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would be anonymised; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        result = apply_retention(actor=None, dry_run=options["dry_run"])
        verb = "would anonymise" if result.dry_run else "anonymised"
        for key, count in result.counts.items():
            self.stdout.write(f"{key}: {verb} {count} (finished before {result.cutoffs[key]})")
