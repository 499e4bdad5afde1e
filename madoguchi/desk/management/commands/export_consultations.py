from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction
from madoguchi.intake import export


class Command(BaseCommand):
    help = "Write every consultation as JSON Lines (UTF-8), see docs/export-format.md."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", help="file to write (default: stdout); written completely or not at all")

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        if options["output"]:
            target = Path(options["output"])
            partial = target.with_name(f".{target.name}.part")
            with partial.open("w", encoding="utf-8", newline="\n") as handle:
                for line in export.iter_lines():
                    handle.write(line)
                    count += 1
                handle.flush()
                os.fsync(handle.fileno())
            # Replace the old backup only with a complete new one.
            partial.replace(target)
        else:
            for line in export.iter_lines():
                self.stdout.write(line, ending="")
                count += 1
            self.stdout.flush()
        audit.record(action=AuditAction.EXPORT, detail={"what": "consultations", "format": "jsonl", "count": count})
        self.stderr.write(f"exported {count} consultations")
